from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from mia.core import languages as langs


def languages(request: HttpRequest) -> dict[str, object]:
    current = langs.get(translation.get_language() or langs.SOURCE_LANGUAGE)
    alternates = [
        (language, translate_url(request.path, language.code)) for language in langs.LANGUAGES
    ]
    return {
        "current_language": current,
        "portal_languages": langs.LANGUAGES,
        "language_links": alternates,
    }
