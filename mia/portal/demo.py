"""The demo content of the integration-network portal: the Burgenlandkreis case.

The texts live in `demo_data/*.json`, written for this project. Each item holds its German source
and its translations as `text: {language: {field: value}}`. A few items carry `changed` (a later
edit of the German) and `outdated` (languages translated before that edit), so the translation
overview has outdated translations to show; many items lack most languages, so it has missing
ones too.

Loading is idempotent: items are found by their natural key, every time stamp comes from the data
and a row is written only when it differs, so a second run changes nothing. The rows are written
in bulk, bypassing the editors' services (a system load is nobody's edit, so nothing is logged);
rich text is sanitised as the services would, and the search index is rebuilt once at the end.
"""

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page
from mia.portal.selectors.translations import TEXTS
from mia.portal.services.content import RICH_FIELDS
from mia.portal.services.richtext import sanitise
from mia.portal.services.search_index import search_index_rebuild

DATA = Path(__file__).with_name("demo_data")
BERLIN = ZoneInfo("Europe/Berlin")
# When the German texts and their translations were written, unless an item says otherwise.
WRITTEN = dt.datetime(2026, 10, 1, 9, 0, tzinfo=BERLIN)
PLACE = ("town", "postcode", "street", "latitude", "longitude")

# The demo login of a network partner keeps these two profiles (see mia/accounts/demo.py).
PARTNER_USERNAME = "partner"
PARTNER_ACTORS = ("willkommensnetz-naumburg", "begegnungscafe-naumburg")

Key = tuple[Any, ...]


def items(kind: str) -> list[dict[str, Any]]:
    """The demo items of one kind (`pages`, `faq`, `news`, `actors`, `offers`, `events`)."""
    paths = sorted(DATA.glob(f"{kind}*.json"))
    return [item for path in paths for item in json.loads(path.read_text(encoding="utf-8"))]


def _local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def _written(item: dict[str, Any]) -> dt.datetime:
    """When the first German version (and the translations made from it) was written."""
    return _local(item["published_at"]) if "published_at" in item else WRITTEN


def _changed(item: dict[str, Any]) -> dt.datetime:
    return _local(item["changed"]) if "changed" in item else _written(item)


def _clean(model: type[Model], texts: dict[str, str]) -> dict[str, str]:
    rich = RICH_FIELDS.get(model, set())
    return {name: sanitise(value) if name in rich else value for name, value in texts.items()}


def _german(model: type[Model], item: dict[str, Any]) -> dict[str, Any]:
    """The German text fields of an item, plus its change time."""
    texts = {name: item["text"]["de"].get(name, "") for name in TEXTS[model]}
    return _clean(model, texts) | {"source_changed_at": _changed(item), "is_published": True}


def _place(item: dict[str, Any], actor: Actor | None = None) -> dict[str, Any]:
    """The item's address: its own `place`, its own fields (actors) or else its actor's."""
    if "place" not in item and actor is not None:
        return {name: getattr(actor, name) for name in PLACE}
    values = {name: item.get("place", item).get(name) or "" for name in PLACE}
    for name in ("latitude", "longitude"):
        values[name] = Decimal(values[name]) if values[name] else None
    return values


def _sync(model: type[Model], keys: tuple[str, ...], rows: list[dict[str, Any]]) -> dict[Key, Any]:
    """Create or update `rows` (field values, natural key `keys` among them), writing only rows
    that differ; return every row's object by its key."""

    def key_of(values: Any, get: Any) -> Key:
        return tuple(get(values, name) for name in keys)

    manager = model._default_manager
    first = {row[keys[0]] for row in rows}
    found = {key_of(obj, getattr): obj for obj in manager.filter(**{f"{keys[0]}__in": first})}
    new, changed, fields = [], [], set()
    for row in rows:
        obj = found.get(key_of(row, dict.get))
        if obj is None:
            new.append(model(**row))
            continue
        differing = [name for name, value in row.items() if getattr(obj, name) != value]
        if differing:
            for name in differing:
                setattr(obj, name, row[name])
            obj.updated_at = timezone.now()  # type: ignore[attr-defined]
            changed.append(obj)
            fields.update([*differing, "updated_at"])
    if changed:
        manager.bulk_update(changed, sorted(fields))
    if not new:
        return found
    manager.bulk_create(new)
    return {key_of(obj, getattr): obj for obj in manager.filter(**{f"{keys[0]}__in": first})}


def _translations(model: type[Model], pairs: Iterable[tuple[Any, dict[str, Any]]]) -> None:
    """Write the translations of (object, demo item) pairs; outdated ones keep the time of the
    German they were made from, all others that of the current German."""
    fields = TEXTS[model]
    rows = []
    for obj, item in pairs:
        for language, texts in item["text"].items():
            if language == "de":
                continue
            outdated = language in item.get("outdated", ())
            rows.append(
                {"item_id": obj.pk, "language": language}
                | _clean(model, {name: texts.get(name, "") for name in fields})
                | {"source_version": _written(item) if outdated else obj.source_changed_at}
            )
    translation_model = model.translations.rel.related_model  # type: ignore[attr-defined]
    _sync(translation_model, ("item_id", "language"), rows)


def _pages() -> None:
    pages = items("pages")
    for item in pages:
        item["path"] = f"{item['parent']}/{item['slug']}" if item["parent"] else item["slug"]
    paths: dict[str, Page] = {}
    for depth in sorted({item["path"].count("/") for item in pages}):
        level = [item for item in pages if item["path"].count("/") == depth]
        rows = [
            {
                "path": item["path"],
                "slug": item["slug"],
                "parent_id": paths[item["parent"]].pk if item["parent"] else None,
                "position": item["position"],
                "topic": item["topic"],
            }
            | _german(Page, item)
            for item in level
        ]
        paths |= {key[0]: page for key, page in _sync(Page, ("path",), rows).items()}
    _translations(Page, ((paths[item["path"]], item) for item in pages))


def _faq() -> None:
    entries = items("faq")
    rows = [
        {"group": item["group"], "position": item["position"]} | _german(FaqEntry, item)
        for item in entries
    ]
    found = _sync(FaqEntry, ("question",), rows)
    _translations(
        FaqEntry,
        ((found[(row["question"],)], item) for row, item in zip(rows, entries, strict=True)),
    )


def _news() -> None:
    news = items("news")
    rows = [
        {"slug": item["slug"], "kind": item["kind"], "published_at": _local(item["published_at"])}
        | _german(NewsItem, item)
        for item in news
    ]
    found = _sync(NewsItem, ("slug",), rows)
    _translations(NewsItem, ((found[(item["slug"],)], item) for item in news))


def _actors() -> dict[str, Actor]:
    actors = items("actors")
    rows = [
        {
            name: item[name]
            for name in ("slug", "name", "kind", "fields", "email", "phone", "website")
        }
        | {"languages": item["languages"], "step_free": item["step_free"]}
        | _place(item)
        | _german(Actor, item)
        for item in actors
    ]
    found = _sync(Actor, ("slug",), rows)
    _translations(Actor, ((found[(item["slug"],)], item) for item in actors))
    return {key[0]: actor for key, actor in found.items()}


def _offers(actors: dict[str, Actor]) -> None:
    offers = items("offers")
    rows = [
        {
            "actor_id": actors[item["actor"]].pk,
            "category": item["category"],
            "target_groups": item["target_groups"],
            "languages": item["languages"],
            "cost": item["cost"],
        }
        | _place(item, actors[item["actor"]])
        | _german(Offer, item)
        for item in offers
    ]
    found = _sync(Offer, ("actor_id", "title"), rows)
    pairs = (
        (found[(row["actor_id"], row["title"])], item)
        for row, item in zip(rows, offers, strict=True)
    )
    _translations(Offer, pairs)


def _events(actors: dict[str, Actor]) -> None:
    events = items("events")
    rows = []
    for item in events:
        actor = actors[item["actor"]] if item["actor"] else None
        until = item["repeat_until"]
        rows.append(
            {
                "actor_id": actor.pk if actor else None,
                "venue": item["venue"],
                "start": _local(item["start"]),
                "end": _local(item["end"]),
                "recurrence": item["recurrence"],
                "repeat_until": dt.date.fromisoformat(until) if until else None,
            }
            | _place(item, actor)
            | _german(Event, item)
        )
    found = _sync(Event, ("title", "start"), rows)
    pairs = (
        (found[(row["title"], row["start"])], item) for row, item in zip(rows, events, strict=True)
    )
    _translations(Event, pairs)


def _partner_edits(actors: dict[str, Actor]) -> None:
    partner = get_user_model().objects.filter(username=PARTNER_USERNAME).first()
    if partner is None:  # the accounts demo was not loaded
        return
    kept = set(
        Actor.editors.through.objects.filter(user=partner).values_list("actor_id", flat=True)
    )
    for slug in PARTNER_ACTORS:
        if actors[slug].pk not in kept:
            actors[slug].editors.add(partner)


@transaction.atomic
def load() -> None:
    """Load (or bring back) the portal's demo content; call it after the accounts demo."""
    _pages()
    _faq()
    _news()
    actors = _actors()
    _offers(actors)
    _events(actors)
    _partner_edits(actors)
    search_index_rebuild()
