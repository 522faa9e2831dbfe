// Sets up the ALTCHA widget (loaded just before): its proof-of-work worker from our static
// files, its strings in the page's language from MiA's catalogue (mia/core/altcha.py), and a
// fresh check after expiry instead of sending an expired one.
const config = JSON.parse(document.getElementById("mia-altcha").textContent);
const { $altcha } = globalThis;
$altcha.algorithms.set("PBKDF2/SHA-256", () => new Worker(config.worker));
$altcha.i18n.set(config.language, { ...$altcha.i18n.get("en"), ...config.strings });
for (const widget of document.querySelectorAll("altcha-widget")) {
  widget.addEventListener("expired", () => widget.reset());
}
