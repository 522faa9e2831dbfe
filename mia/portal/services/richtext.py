"""Rich text from editors and partners is sanitised with nh3 before it is stored."""

import re

import nh3

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "blockquote"}
ATTRIBUTES = {"a": {"href", "title", "lang"}}


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    ).strip()


def plain(html: str) -> str:
    """The words of a piece of rich text, for search and summaries."""
    text = nh3.clean(html, tags=set())
    return re.sub(r"\s+", " ", text).strip()
