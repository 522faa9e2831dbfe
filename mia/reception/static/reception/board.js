// Waiting-room board: a gong when a new call appears (after staff turned the sound on).
(function () {
  "use strict";
  var audio = null;
  var latest = null;
  var button = document.querySelector("[data-sound-toggle]");

  function gong() {
    if (!audio) return;
    [659.25, 523.25].forEach(function (frequency, index) {
      var start = audio.currentTime + index * 0.45;
      var tone = audio.createOscillator();
      var volume = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, start);
      volume.gain.exponentialRampToValueAtTime(0.6, start + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, start + 1.4);
      tone.connect(volume).connect(audio.destination);
      tone.start(start);
      tone.stop(start + 1.5);
    });
  }

  function check() {
    var live = document.getElementById("board-live");
    if (!live) return;
    var current = live.getAttribute("data-latest-call");
    if (latest !== null && current !== latest && current !== "0") gong();
    latest = current;
  }

  if (button) {
    button.addEventListener("click", function () {
      if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)();
      audio.resume();
      button.setAttribute("aria-pressed", "true");
      gong();
    });
  }
  document.addEventListener("htmx:afterSwap", check);
  check();
})();
