"""The portal's languages: codes, native names, writing direction."""

from dataclasses import dataclass

from django.conf import settings

SOURCE_LANGUAGE = "de"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    rtl: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


LANGUAGES: tuple[Language, ...] = tuple(
    Language(code, name, code in settings.LANGUAGES_BIDI) for code, name in settings.LANGUAGES
)
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
TRANSLATION_CODES: tuple[str, ...] = tuple(c for c in CODES if c != SOURCE_LANGUAGE)
BY_CODE = {language.code: language for language in LANGUAGES}


def get(code: str) -> Language:
    return BY_CODE.get(code, BY_CODE[SOURCE_LANGUAGE])
