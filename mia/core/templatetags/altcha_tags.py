from typing import Any

from django import template

from mia.core import altcha

register = template.Library()


@register.inclusion_tag("core/includes/altcha.html")
def altcha_widget() -> dict[str, Any]:
    """The ALTCHA widget for a public form; its payload arrives as the field `altcha`."""
    return {"altcha": altcha.widget_config()}
