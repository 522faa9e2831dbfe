"""Reads for the editors' and partners' pages: what needs translating (counted by the database
for a whole list at once), the page tree, and what a partner's proposal would change."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mia.core.languages import BY_CODE, TRANSLATION_CODES
from mia.organisation.models import TargetGroup
from mia.portal.models import (
    EASY_GERMAN,
    Actor,
    Event,
    FaqEntry,
    FieldOfAction,
    NewsItem,
    Offer,
    Page,
    Proposal,
)
from mia.portal.selectors.translations import (
    CURRENT,
    MISSING,
    OUTDATED,
    status_field,
    status_name,
    with_translation_status,
)
from mia.portal.services.proposals import FIELDS as PROPOSAL_FIELDS

# The kinds of content with German sources and translations, in the order editors see them.
KINDS: dict[str, Any] = {
    "page": Page,
    "faq": FaqEntry,
    "news": NewsItem,
    "event": Event,
    "actor": Actor,
    "offer": Offer,
}
KIND_LABELS = {
    "page": gettext_lazy("Pages"),
    "faq": gettext_lazy("FAQ"),
    "news": gettext_lazy("News"),
    "event": gettext_lazy("Events"),
    "actor": gettext_lazy("Network actors"),
    "offer": gettext_lazy("Offers"),
}
TITLE_FIELD: dict[Any, str] = {
    Page: "title",
    FaqEntry: "question",
    NewsItem: "title",
    Event: "title",
}
ORDER = {
    "page": ("path",),
    "faq": ("group", "position", "pk"),
    "news": ("-published_at", "pk"),
    "event": ("-start", "pk"),
    "actor": ("name", "pk"),
    "offer": ("title", "pk"),
}


def title_field(model: type[Model]) -> str:
    return TITLE_FIELD.get(model, "name" if model is Actor else "title")


def languages_of(kind: str) -> list[str]:
    """The target languages of a kind: every portal language but German; pages also keep
    Leichte Sprache."""
    codes = list(TRANSLATION_CODES)
    return [*codes, EASY_GERMAN] if kind == "page" else codes


def language_label(code: str) -> str:
    """A target language's own name ("العربية"); Leichte Sprache by its German name."""
    if code == EASY_GERMAN:
        return "Leichte Sprache"
    return BY_CODE[code].name if code in BY_CODE else code


def language_tag(code: str) -> str:
    """The `lang` attribute for text in a target language (Leichte Sprache is German)."""
    return "de" if code == EASY_GERMAN else code


class _Named:
    language: str

    @property
    def name(self) -> str:
        return language_label(self.language)

    @property
    def tag(self) -> str:
        return language_tag(self.language)


# Translation needs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Need(_Named):
    language: str
    missing: int
    outdated: int

    @property
    def total(self) -> int:
        return self.missing + self.outdated


@dataclass(frozen=True)
class Summary:
    """What needs translating in one kind of content."""

    needs: list[Need]  # per target language
    entries: int  # items of the kind
    needing: int  # items missing or outdated in at least one of the languages asked about


def translation_summary(kind: str, languages: list[str] | None = None) -> Summary:
    """Per language, how many items miss a translation or have an outdated one: conditional
    aggregation over the per-item status, one query for the whole kind. `languages` narrows
    the "needing" count (all target languages of the kind by default)."""
    codes = languages_of(kind)
    counts: dict[str, Any] = {
        "entries": Count("pk"),
        "needing": Count("pk", filter=_needing(languages or codes)),
    }
    for code in codes:
        status = status_field(code)
        counts[f"missing_{status}"] = Count("pk", filter=Q(**{status: 0}))
        counts[f"outdated_{status}"] = Count("pk", filter=Q(**{status: 1}))
    found = with_translation_status(KINDS[kind].objects.all(), codes).aggregate(**counts)
    needs = [
        Need(
            code,
            found[f"missing_{status_field(code)}"] or 0,
            found[f"outdated_{status_field(code)}"] or 0,
        )
        for code in codes
    ]
    return Summary(needs, found["entries"] or 0, found["needing"] or 0)


def translation_needs(kind: str) -> list[Need]:
    return translation_summary(kind).needs


@dataclass(frozen=True)
class NeedsRow(_Named):
    """One language on the dashboard: what needs translating per kind and in all."""

    language: str
    per_kind: list[tuple[str, Any, int]]  # kind, its label, count

    @property
    def total(self) -> int:
        return sum(count for _kind, _label, count in self.per_kind)


def needs_by_language(summaries: dict[str, Summary]) -> list[NeedsRow]:
    """The summaries of several kinds turned into one row per portal language."""
    totals = {
        kind: {need.language: need.total for need in summary.needs}
        for kind, summary in summaries.items()
    }
    return [
        NeedsRow(code, [(kind, KIND_LABELS[kind], totals[kind].get(code, 0)) for kind in summaries])
        for code in TRANSLATION_CODES
    ]


@dataclass(frozen=True)
class Cell(_Named):
    language: str
    status: str


@dataclass(frozen=True)
class Row:
    kind: str
    item: Any
    title: str
    cells: list[Cell]


def _needing(codes: list[str]) -> Q:
    needs = Q()
    for code in codes:
        needs |= Q(**{f"{status_field(code)}__lt": 2})
    return needs


def translation_ids(kind: str, languages: list[str], *, needs_only: bool = False) -> QuerySet:
    """The ids of the kind's items in the editors' order, to paginate; with `needs_only`, only
    those missing a translation or with an outdated one in `languages`."""
    items = KINDS[kind].objects.all()
    if needs_only:
        items = with_translation_status(items, languages).filter(_needing(languages))
    return items.order_by(*ORDER[kind]).values_list("pk", flat=True)


def translation_rows(kind: str, ids: Any, languages: list[str]) -> list[Row]:
    """One page of the overview: the items with their status per language, one query."""
    model = KINDS[kind]
    name = title_field(model)
    items = model.objects.filter(pk__in=list(ids)).only(
        "pk", name, "is_published", "source_changed_at"
    )
    return [
        Row(
            kind,
            item,
            getattr(item, name),
            [Cell(code, status_name(item, code)) for code in languages],
        )
        for item in with_translation_status(items, languages).order_by(*ORDER[kind])
    ]


def item_cells(kind: str, pk: int) -> list[Cell]:
    """One item's status in each target language."""
    languages = languages_of(kind)
    item = with_translation_status(KINDS[kind].objects.filter(pk=pk), languages).get()
    return [Cell(code, status_name(item, code)) for code in languages]


def counts_text(counts: dict[str, int]) -> str:
    """ "10 of 12 up to date · 1 outdated · 1 missing" for lists of items."""
    total = sum(counts.values())
    parts = [
        _("%(current)s of %(total)s up to date") % {"current": counts[CURRENT], "total": total}
    ]
    if counts[OUTDATED]:
        parts.append(
            ngettext("%(count)s outdated", "%(count)s outdated", counts[OUTDATED])
            % {"count": counts[OUTDATED]}
        )
    if counts[MISSING]:
        parts.append(
            ngettext("%(count)s missing", "%(count)s missing", counts[MISSING])
            % {"count": counts[MISSING]}
        )
    return " · ".join(parts)


def status_counts(item: Any, languages: list[str]) -> dict[str, int]:
    """How many of the languages are current / outdated / missing for one annotated item."""
    counts = {CURRENT: 0, OUTDATED: 0, MISSING: 0}
    for code in languages:
        counts[status_name(item, code)] += 1
    return counts


def item_ids(kind: str) -> QuerySet:
    """The ids of a kind's items in the editors' order, to paginate cheaply."""
    return KINDS[kind].objects.order_by(*ORDER[kind]).values_list("pk", flat=True)


def items_with_status(kind: str, ids: Any) -> QuerySet:
    """One page of a list, each item with its translation status for every target language
    (one query)."""
    model = KINDS[kind]
    items = model.objects.filter(pk__in=list(ids))
    return with_translation_status(items, languages_of(kind)).order_by(*ORDER[kind])


# Page tree ---------------------------------------------------------------------------------


@dataclass
class PageNode:
    page: Any
    depth: int
    counts: dict[str, int]
    children: list["PageNode"] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return counts_text(self.counts)


def page_tree() -> list[PageNode]:
    """Every page as a tree (siblings by position, then title), with translation counts; one
    query for the whole tree."""
    languages = languages_of("page")
    pages = list(with_translation_status(Page.objects.all(), languages).order_by("path"))
    nodes = {page.pk: PageNode(page, 0, status_counts(page, languages)) for page in pages}
    roots: list[PageNode] = []
    for page in pages:
        node = nodes[page.pk]
        parent = nodes.get(page.parent_id) if page.parent_id else None
        (parent.children if parent else roots).append(node)

    def arrange(branch: list[PageNode], depth: int) -> None:
        branch.sort(key=lambda node: (node.page.position, node.page.title.casefold()))
        for node in branch:
            node.depth = depth
            arrange(node.children, depth + 1)

    arrange(roots, 0)
    return roots


def page_choices(*, exclude: Page | None = None) -> list[tuple[int, str]]:
    """Pages a page may be placed below, indented by depth; never the page itself or one of
    the pages below it."""
    choices: list[tuple[int, str]] = []
    pages = Page.objects.only("pk", "title", "path", "parent_id", "position").order_by("path")
    by_parent: dict[int | None, list[Page]] = {}
    for page in pages:
        by_parent.setdefault(page.parent_id, []).append(page)

    def walk(parent: int | None, depth: int) -> None:
        for page in sorted(by_parent.get(parent, []), key=lambda p: (p.position, p.title)):
            if exclude is not None and page.pk == exclude.pk:
                continue
            choices.append((page.pk, "\u2003" * depth + page.title))
            walk(page.pk, depth + 1)

    walk(None, 0)
    return choices


# Proposals ---------------------------------------------------------------------------------


def proposals_pending() -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(status=Proposal.Status.PENDING)
        .select_related("actor", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def proposals_recent(limit: int = 10) -> list[Proposal]:
    return list(
        Proposal.objects.exclude(status=Proposal.Status.PENDING)
        .select_related("actor", "submitted_by", "reviewed_by")
        .order_by("-reviewed_at", "-pk")[:limit]
    )


def proposal_target(proposal: Proposal) -> Any | None:
    """The entry the proposal changes (None for a new one, or one deleted meanwhile)."""
    if proposal.kind == Proposal.Kind.ACTOR:
        return proposal.actor
    if proposal.object_id is None:
        return None
    model, _fields = PROPOSAL_FIELDS[proposal.kind]
    return model.objects.filter(pk=proposal.object_id, actor=proposal.actor).first()


def proposal_title(proposal: Proposal) -> str:
    if proposal.kind == Proposal.Kind.ACTOR:
        return proposal.actor.name
    return str(proposal.data.get("title") or "")


@dataclass(frozen=True)
class Change:
    name: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


_LIST_LABELS: dict[str, dict[str, Any]] = {
    "fields": dict(FieldOfAction.choices),
    "target_groups": dict(TargetGroup.choices),
}


def _as_datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _show(model: type[Model], name: str, value: Any) -> str:
    """A value as editors read it: labels for choices, German dates, names of languages."""
    if value is None or value == "" or value == []:
        return "–"
    model_field: Any = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.choices).get(value, value))
    if isinstance(value, list):
        labels = _LIST_LABELS.get(name, {})
        names = {code: language.name for code, language in BY_CODE.items()}
        return ", ".join(str(labels.get(v) or names.get(v) or v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    internal = model_field.get_internal_type()
    if internal == "DateTimeField":
        moment = _as_datetime(value)
        return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else str(value)
    if internal == "DateField":
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return day.strftime("%d.%m.%Y")
    if internal == "DecimalField":
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def proposal_changes(proposal: Proposal) -> list[Change]:
    """Each proposed field with the value now published beside it (a dash for a new entry)."""
    model, allowed = PROPOSAL_FIELDS[proposal.kind]
    target = proposal_target(proposal)
    changes = []
    for name in allowed:
        if name not in proposal.data:
            continue
        before = _show(model, name, getattr(target, name)) if target is not None else "–"
        label = str(model._meta.get_field(name).verbose_name)
        changes.append(
            Change(
                name, label[:1].upper() + label[1:], before, _show(model, name, proposal.data[name])
            )
        )
    return changes


def partner_actors(user: Any) -> QuerySet[Actor]:
    """The actors a partner editor keeps (where they are one of its editors)."""
    return Actor.objects.filter(editors=user).order_by("name", "pk")


@dataclass(frozen=True)
class Entry:
    """A partner's offer or event with the state of its latest proposal."""

    item: Any
    proposal: Proposal | None


def partner_entries(actor: Actor, kind: str) -> tuple[list[Entry], list[Proposal]]:
    """The actor's offers or events, each with its latest proposal, and the proposed new ones
    that are not published yet; two queries."""
    model, _fields = PROPOSAL_FIELDS[kind]
    order = ("title", "pk") if kind == "offer" else ("-start", "pk")
    items = list(model.objects.filter(actor=actor).order_by(*order))
    proposals = Proposal.objects.filter(actor=actor, kind=kind).order_by("submitted_at", "pk")
    latest: dict[int, Proposal] = {}
    new: list[Proposal] = []
    for proposal in proposals:
        if proposal.object_id is None:
            if proposal.status != Proposal.Status.PUBLISHED:
                new.append(proposal)
        else:
            latest[proposal.object_id] = proposal
    return [Entry(item, latest.get(item.pk)) for item in items], new


def latest_proposal(actor: Actor, kind: str, object_id: int | None) -> Proposal | None:
    return (
        Proposal.objects.filter(actor=actor, kind=kind, object_id=object_id)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def pending_count() -> int:
    return Proposal.objects.filter(status=Proposal.Status.PENDING).count()
