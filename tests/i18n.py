"""What a reader of a language sees for a UI message: its translation from the catalogue,
which must exist (an English text on a German page is a bug a test should catch)."""

from django.utils import translation
from django.utils.translation import gettext


def shown(msgid: str, language: str = "de") -> str:
    with translation.override(language):
        text = gettext(msgid)
    assert language == "en" or text != msgid, f"{msgid!r} is not translated into {language}"
    return text
