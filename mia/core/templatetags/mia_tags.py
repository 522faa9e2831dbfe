from django import template

from mia.core import languages

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The language's own name for a code: "uk" -> "Українська"."""
    return languages.BY_CODE[code].name if code in languages.BY_CODE else code
