"""JSON API of the core: the ALTCHA challenge that public forms and API clients solve."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from mia.core import altcha

router = Router(tags=["anti-abuse"])


class ChallengeParametersOut(Schema):
    algorithm: str = Field(examples=[altcha.ALGORITHM])
    nonce: str
    salt: str
    cost: int = Field(description="PBKDF2 rounds per attempt")
    key_length: int = Field(alias="keyLength")
    key_prefix: str = Field(alias="keyPrefix", description="The derived key to find, in hex")
    key_signature: str = Field(alias="keySignature")
    expires_at: int = Field(alias="expiresAt", description="Unix time")


class ChallengeOut(Schema):
    parameters: ChallengeParametersOut
    signature: str


@router.get(
    "/altcha/challenge",
    response=ChallengeOut,
    by_alias=True,
    url_name="altcha_challenge",
    summary="A proof-of-work challenge (ALTCHA v2) for one booking",
    description="Find the counter (0, 1, 2, ...) for which PBKDF2 (`cost` rounds, `keyLength` "
    "bytes, salt = the bytes of hex `salt`, password = the bytes of hex `nonce` followed by the "
    "counter as 4 bytes big-endian) starts with `keyPrefix`, then send base64(JSON "
    "`{challenge: <this answer>, solution: {counter, derivedKey}}`) as `altcha`. Each solution "
    f"counts once and only for {altcha.EXPIRY_SECONDS // 60} minutes.",
)
def altcha_challenge(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    response["Cache-Control"] = "no-store"  # every form needs its own challenge
    return altcha.challenge_create()
