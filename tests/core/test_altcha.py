import base64
import json
import threading

import pytest
from django.db import connections

from mia.core import altcha
from mia.core.errors import ApplicationError
from tests.i18n import shown

pytestmark = pytest.mark.django_db


def refused(payload: str) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        altcha.payload_verify(payload)
    assert caught.value.code == "altcha_invalid"
    assert caught.value.status == 422
    return caught.value


def encode(data: object) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


def test_the_challenge_endpoint_gives_a_fresh_uncached_widget_challenge(client):
    first = client.get("/api/v1/altcha/challenge")
    second = client.get("/api/v1/altcha/challenge")
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-store"
    challenge = first.json()
    assert challenge["parameters"]["algorithm"] == "PBKDF2/SHA-256"
    assert {"nonce", "salt", "keyPrefix", "keySignature", "expiresAt", "cost"} <= set(
        challenge["parameters"]
    )
    assert challenge["signature"] != second.json()["signature"]


def test_a_solved_challenge_counts_once(altcha_payload):
    payload = altcha_payload()
    altcha.payload_verify(payload)
    assert refused(payload).detail == shown(
        "This security check was already used. Please send the form again."
    )


def test_an_expired_challenge_is_refused(altcha_payload, monkeypatch):
    monkeypatch.setattr(altcha, "EXPIRY_SECONDS", -5)
    assert refused(altcha_payload()).detail == shown(
        "The security check has expired. Please send the form again."
    )


def test_a_changed_challenge_is_refused(altcha_payload):
    data = json.loads(base64.b64decode(altcha_payload()))
    data["challenge"]["parameters"]["expiresAt"] += 3600  # more time for a stored solution
    assert refused(encode(data)).detail == shown(
        "The security check is not valid. Please send the form again."
    )


def test_a_wrong_solution_is_refused(altcha_payload):
    data = json.loads(base64.b64decode(altcha_payload()))
    data["solution"]["derivedKey"] = "00" * 32
    refused(encode(data))


def test_a_challenge_signed_with_another_key_is_refused(altcha_payload, settings):
    payload = altcha_payload()
    settings.SECRET_KEY = "another-installation-" + "k" * 40
    refused(payload)


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "not base64 at all!",
        "ä",
        base64.b64encode(b"\xff\xfe").decode(),
        encode([1, 2]),
        encode({"challenge": "x", "solution": 1}),
        encode({"challenge": {"parameters": {}}, "solution": {}}),
        encode(
            {
                "challenge": {"parameters": {"nonce": 1, "salt": [], "algorithm": None}},
                "solution": {"counter": "1", "derivedKey": None},
            }
        ),
        encode({"a": [[[[]]]] * 10}),
        "A" * 10_000,
    ],
)
def test_garbage_is_refused_with_a_clear_error(payload):
    assert refused(payload).detail


def test_nothing_is_checked_with_rate_limits_off(settings):
    settings.RATE_LIMITS = False
    altcha.payload_verify("garbage")


def test_the_widget_gets_its_strings_in_the_page_language():
    from django.utils import translation

    with translation.override("ar"):
        config = altcha.widget_config()
    assert config["language"] == "ar"
    assert config["worker"].endswith("vendor/altcha/workers/pbkdf2.js")
    assert {"label", "verifying", "verified", "error", "expired"} <= set(config["strings"])


@pytest.mark.django_db(transaction=True)
def test_ten_processes_sending_one_payload_at_once_get_it_accepted_once(altcha_payload):
    payload = altcha_payload()
    barrier = threading.Barrier(10, timeout=30)
    accepted: list[bool] = []

    def client() -> None:
        try:
            barrier.wait()
            try:
                altcha.payload_verify(payload)
            except ApplicationError:
                accepted.append(False)
            else:
                accepted.append(True)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert accepted.count(True) == 1
    assert len(accepted) == 10
