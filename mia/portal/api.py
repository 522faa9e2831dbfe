"""JSON API of the portal: pages, FAQ, news, events, network actors and offers in the reader's
language (each item says which language it is in and how current its translation is), and the
partner editors' proposals.

Every GET answers with an ETag and Last-Modified derived from the data (mia/portal/conditional.py)
and with 304 to a client whose copy is current."""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, cast

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import BaseModel

from mia.accounts.api import staff_auth
from mia.core.errors import ApplicationError
from mia.core.languages import SOURCE_LANGUAGE
from mia.core.schemas import ErrorOut, ValidationErrorOut
from mia.portal import conditional
from mia.portal.api_schemas import (
    ActorListOut,
    ActorOut,
    ActorRefOut,
    ActorsQuery,
    DateOut,
    EventDateOut,
    EventDetailOut,
    EventListOut,
    EventQuery,
    EventsQuery,
    FaqListOut,
    FaqOut,
    FaqQuery,
    LangQuery,
    ListQuery,
    NewsDetailOut,
    NewsListOut,
    NewsOut,
    NewsQuery,
    OfferListOut,
    OfferOut,
    OffersQuery,
    PageDetailOut,
    PageListOut,
    PageOut,
    PagesQuery,
    ProposalIn,
    ProposalOut,
    ReturnIn,
    Window,
)
from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page, Proposal
from mia.portal.permissions import is_editor, may_propose_for
from mia.portal.selectors import events as event_dates
from mia.portal.selectors.directory import (
    ActorFilter,
    OfferFilter,
    actors_filtered,
    offers_filtered,
)
from mia.portal.selectors.search import search
from mia.portal.selectors.translations import Localized, localized
from mia.portal.services.proposals import proposal_publish, proposal_return, proposal_submit

router = Router(tags=["portal"])

SEARCH_LIMIT = 200  # best matches a search considers
DEFAULT_DAYS = 90
MAX_DAYS = 366
YEARS = range(2000, 2101)  # dates outside make no sense for events and overflow the calendar
READ: dict[int, Any] = {200: None, 304: None, 422: ValidationErrorOut}
DETAIL: dict[int, Any] = {**READ, 404: ErrorOut}
WRITE: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


def _read(out: type[BaseModel], *, detail: bool = False) -> dict[int, Any]:
    return {**(DETAIL if detail else READ), 200: out}


# --- shared --------------------------------------------------------------------------------


def _json(body: BaseModel) -> HttpResponse:
    return HttpResponse(body.model_dump_json(by_alias=True), content_type="application/json")


def _translations(model: type[Model], language: str, **lookups: object) -> list[QuerySet[Any]]:
    """The translation rows a response in `language` reads (none for the German source)."""
    if language == SOURCE_LANGUAGE:
        return []
    translation_model: Any = cast(Any, model).translations.rel.related_model
    return [translation_model.objects.filter(language=language, **lookups)]


def _tables(
    items: QuerySet[Any], language: str, *related: QuerySet[Any], **translation_lookups: object
) -> list[QuerySet[Any]]:
    """Everything a response reads: the items (for a list all of them, so that any change is a
    new version; for one item the item or nothing), their translations into `language` and
    related rows shown with them."""
    return [items, *_translations(items.model, language, **translation_lookups), *related]


def _params(query: Schema) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(query.model_dump().items()))


def _found(current: conditional.State) -> None:
    if not current.counts[0]:
        raise Http404


def _localized_one(items: QuerySet[Any], language: str) -> Localized:
    found = localized(items, language)
    if not found:  # deleted between the version probe and now
        raise Http404
    return found[0]


def _one(
    request: HttpRequest,
    items: QuerySet[Any],
    language: str,
    tables: list[QuerySet[Any]],
    key: tuple[object, ...],
    out: Callable[[Localized], Any],
) -> HttpResponse:
    """One item in `language`, answered conditionally: 404 when it is not there, 304 when the
    client's copy is current, else `out` of the localised item."""
    current = conditional.state(tables, *key)
    _found(current)
    return conditional.respond(
        request, current, lambda: _json(out(_localized_one(items, language)))
    )


def _status(item: Localized) -> dict[str, Any]:
    return {
        "language": item.language,
        "translation_status": item.status,
        "updated_at": item.updated_at,
    }


def _place(item: Any) -> dict[str, Any]:
    return {
        "town": item.town,
        "postcode": item.postcode,
        "street": item.street,
        "latitude": None if item.latitude is None else float(item.latitude),
        "longitude": None if item.longitude is None else float(item.longitude),
    }


def _actor_ref(actor: Actor | None) -> ActorRefOut | None:
    return None if actor is None else ActorRefOut(id=actor.pk, slug=actor.slug, name=actor.name)


def _hits(query: ListQuery, kind: str) -> list[int] | None:
    """Ids of the items matching `q` in the reading language, best first; None without `q`."""
    if not query.q.strip():
        return None
    hits = search(query=query.q, language=query.lang, kinds=[kind], limit=SEARCH_LIMIT)
    return [hit.object_id for hit in hits]


def _page_of(query: ListQuery, kind: str, items: QuerySet[Any]) -> tuple[int, list[Localized]]:
    """The total and one page of `items` (filtered and ordered), or of the search's matches
    among them in the order of the search."""
    window = slice(query.offset, query.offset + query.limit)
    ids = _hits(query, kind)
    if ids is None:
        return items.count(), localized(items[window], query.lang)
    rank = {pk: position for position, pk in enumerate(ids)}
    matching = sorted(
        items.filter(pk__in=ids).order_by().values_list("pk", flat=True), key=rank.__getitem__
    )
    chosen = localized(items.filter(pk__in=matching[window]), query.lang)
    return len(matching), sorted(chosen, key=lambda item: rank[item.pk])


def _list(
    request: HttpRequest,
    query: ListQuery,
    kind: str,
    tables: list[QuerySet[Any]],
    build: Callable[[], BaseModel],
    *extra: object,
) -> HttpResponse:
    current = conditional.state(tables, kind, _params(query), *extra)
    return conditional.respond(request, current, lambda: _json(build()))


def _envelope(query: ListQuery) -> dict[str, Any]:
    return {"limit": query.limit, "offset": query.offset, "language": query.lang}


# --- pages ---------------------------------------------------------------------------------


def _page_out(page: Localized, out: type[PageOut] = PageOut, **extra: Any) -> PageOut:
    parent, _sep, _slug = page.path.rpartition("/")
    return out(
        id=page.pk,
        path=page.path,
        parent=parent or None,
        topic=page.topic,
        position=page.position,
        title=page.title,
        summary=page.summary,
        **_status(page),
        **extra,
    )


@router.get(
    "/pages",
    response=_read(PageListOut),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="Information pages, in the page tree's order",
)
def pages(request: HttpRequest, query: Query[PagesQuery]) -> HttpResponse:
    items = Page.objects.filter(is_published=True).order_by("path")
    if query.topic:
        items = items.filter(topic=query.topic)
    if query.parent:
        items = items.filter(parent__path=query.parent)

    def build() -> PageListOut:
        count, found = _page_of(query, "page", items)
        return PageListOut(count=count, items=[_page_out(p) for p in found], **_envelope(query))

    return _list(request, query, "page", _tables(Page.objects.all(), query.lang), build)


@router.get(
    "/pages/{path:page_path}",
    response=_read(PageDetailOut, detail=True),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="One page by its path, e.g. `ankommen/wohnen`",
)
def page_detail(request: HttpRequest, page_path: str, query: Query[LangQuery]) -> HttpResponse:
    items = Page.objects.filter(path=page_path, is_published=True)
    tables = _tables(items, query.lang, item__path=page_path)
    return _one(
        request,
        items,
        query.lang,
        tables,
        ("page:one", page_path, query.lang),
        lambda page: _page_out(page, PageDetailOut, body=page.body),
    )


# --- FAQ -----------------------------------------------------------------------------------


def _faq_out(entry: Localized) -> FaqOut:
    return FaqOut(
        id=entry.pk,
        group=entry.group,
        position=entry.position,
        question=entry.question,
        answer=entry.answer,
        **_status(entry),
    )


@router.get(
    "/faq",
    response=_read(FaqListOut),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="Questions of residents and their answers, by group",
)
def faq(request: HttpRequest, query: Query[FaqQuery]) -> HttpResponse:
    items = FaqEntry.objects.filter(is_published=True).order_by("group", "position", "pk")
    if query.group:
        items = items.filter(group=query.group)

    def build() -> FaqListOut:
        count, found = _page_of(query, "faq", items)
        return FaqListOut(count=count, items=[_faq_out(e) for e in found], **_envelope(query))

    return _list(request, query, "faq", _tables(FaqEntry.objects.all(), query.lang), build)


@router.get(
    "/faq/{faq_id}",
    response=_read(FaqOut, detail=True),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="One question and its answer",
)
def faq_detail(request: HttpRequest, faq_id: int, query: Query[LangQuery]) -> HttpResponse:
    items = FaqEntry.objects.filter(pk=faq_id, is_published=True)
    tables = _tables(items, query.lang, item_id=faq_id)
    return _one(request, items, query.lang, tables, ("faq:one", faq_id, query.lang), _faq_out)


# --- news ----------------------------------------------------------------------------------


def _visible_news() -> QuerySet[NewsItem]:
    return NewsItem.objects.filter(is_published=True, published_at__lte=timezone.now())


def _news_out(item: Localized, out: type[NewsOut] = NewsOut, **extra: Any) -> NewsOut:
    return out(
        id=item.pk,
        slug=item.slug,
        kind=item.kind,
        published_at=item.published_at,
        title=item.title,
        teaser=item.teaser,
        **_status(item),
        **extra,
    )


@router.get(
    "/news",
    response=_read(NewsListOut),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="News and engagement stories, newest first",
)
def news(request: HttpRequest, query: Query[NewsQuery]) -> HttpResponse:
    items = _visible_news().order_by("-published_at", "-pk")
    if query.kind:
        items = items.filter(kind=query.kind)

    def build() -> NewsListOut:
        count, found = _page_of(query, "news", items)
        return NewsListOut(count=count, items=[_news_out(n) for n in found], **_envelope(query))

    # The visible rows count too: an item scheduled for later appears without being changed.
    tables = _tables(NewsItem.objects.all(), query.lang, _visible_news())
    return _list(request, query, "news", tables, build)


@router.get(
    "/news/{slug}",
    response=_read(NewsDetailOut, detail=True),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="One news item or story by its short name",
)
def news_detail(request: HttpRequest, slug: str, query: Query[LangQuery]) -> HttpResponse:
    items = _visible_news().filter(slug=slug)
    tables = _tables(items, query.lang, item__slug=slug)
    return _one(
        request,
        items,
        query.lang,
        tables,
        ("news:one", slug, query.lang),
        lambda item: _news_out(item, NewsDetailOut, body=item.body),
    )


# --- events --------------------------------------------------------------------------------


def _window(query: Window) -> tuple[dt.date, dt.date]:
    """`from`/`to`, by default the next 90 days; a bad window is 422, not an empty list."""
    start = query.date_from or timezone.localdate()
    if start.year not in YEARS or (query.date_to and query.date_to.year not in YEARS):
        raise ApplicationError(
            _("Dates must lie between %(first)s and %(last)s.")
            % {"first": YEARS[0], "last": YEARS[-1]},
            code="invalid_range",
            status=422,
        )
    end = query.date_to or start + dt.timedelta(days=DEFAULT_DAYS)
    if end < start or (end - start).days > MAX_DAYS:
        raise ApplicationError(
            _("`to` must be on or after `from`, at most %(days)s days later.") % {"days": MAX_DAYS},
            code="invalid_range",
            status=422,
        )
    return start, end


def _event_fields(event: Localized) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "venue": event.venue,
        "recurrence": event.recurrence,
        "repeat_until": event.repeat_until,
        "actor": _actor_ref(event.actor),
        **_place(event),
        **_status(event),
    }


def _event_dates(
    occurrences: Iterable[event_dates.Occurrence], language: str
) -> list[EventDateOut]:
    chosen = list(occurrences)
    ids = {occurrence.event.pk for occurrence in chosen}
    texts = {
        event.pk: _event_fields(event)
        for event in localized(Event.objects.filter(pk__in=ids).select_related("actor"), language)
    }
    return [
        EventDateOut(
            start=timezone.localtime(o.start), end=timezone.localtime(o.end), **texts[o.event.pk]
        )
        for o in chosen
        if o.event.pk in texts
    ]


@router.get(
    "/events",
    response=_read(EventListOut),
    by_alias=True,
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="Dates of events between `from` and `to`; repeating events once per date",
    description="In order of date, also when searching with `q`.",
)
def events(request: HttpRequest, query: Query[EventsQuery]) -> HttpResponse:
    start, end = _window(query)

    def build() -> EventListOut:
        found = event_dates.occurrences(start, end)
        if query.actor:
            found = [o for o in found if o.event.actor_id == query.actor]
        ids = _hits(query, "event")
        if ids is not None:
            matching = set(ids)
            found = [o for o in found if o.event.pk in matching]
        chosen = found[query.offset : query.offset + query.limit]
        return EventListOut.model_validate(
            {
                "count": len(found),
                "from": start,
                "to": end,
                "items": _event_dates(chosen, query.lang),
                **_envelope(query),
            }
        )

    tables = _tables(Event.objects.all(), query.lang, Actor.objects.all())
    return _list(request, query, "event", tables, build, start, end)


@router.get(
    "/events/{event_id}",
    response=_read(EventDetailOut, detail=True),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="One event with its dates between `from` and `to`",
)
def event_detail(request: HttpRequest, event_id: int, query: Query[EventQuery]) -> HttpResponse:
    start, end = _window(query)
    items = Event.objects.filter(pk=event_id, is_published=True).select_related("actor")
    tables = _tables(items, query.lang, Actor.objects.filter(events=event_id), item_id=event_id)

    def out(event: Localized) -> EventDetailOut:
        return EventDetailOut(
            first_start=timezone.localtime(event.start),
            first_end=timezone.localtime(event.end),
            dates=[
                DateOut(start=timezone.localtime(o.start), end=timezone.localtime(o.end))
                for o in event_dates.dates(event.item, start, end)
            ],
            **_event_fields(event),
        )

    key = ("event:one", event_id, query.lang, start, end)
    return _one(request, items, query.lang, tables, key, out)


# --- network actors ------------------------------------------------------------------------


def _actor_out(actor: Localized) -> ActorOut:
    return ActorOut(
        id=actor.pk,
        slug=actor.slug,
        name=actor.name,
        kind=actor.kind,
        fields=list(actor.fields),
        description=actor.description,
        accessibility=actor.accessibility,
        step_free=actor.step_free,
        email=actor.email,
        phone=actor.phone,
        website=actor.website,
        languages=list(actor.languages),
        **_place(actor),
        **_status(actor),
    )


@router.get(
    "/actors",
    response=_read(ActorListOut),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="Actors of the integration network, filtered like the directory",
)
def actors(request: HttpRequest, query: Query[ActorsQuery]) -> HttpResponse:
    chosen = ActorFilter(
        field=query.field or "",
        kind=query.kind or "",
        town=query.town or "",
        language=query.language or "",
    )
    items = actors_filtered(chosen)

    def build() -> ActorListOut:
        count, found = _page_of(query, "actor", items)
        return ActorListOut(count=count, items=[_actor_out(a) for a in found], **_envelope(query))

    return _list(request, query, "actor", _tables(Actor.objects.all(), query.lang), build)


@router.get(
    "/actors/{actor_id}",
    response=_read(ActorOut, detail=True),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="One actor of the network",
)
def actor_detail(request: HttpRequest, actor_id: int, query: Query[LangQuery]) -> HttpResponse:
    items = Actor.objects.filter(pk=actor_id, is_published=True)
    tables = _tables(items, query.lang, item_id=actor_id)
    key = ("actor:one", actor_id, query.lang)
    return _one(request, items, query.lang, tables, key, _actor_out)


# --- offers --------------------------------------------------------------------------------


def _offer_out(offer: Localized) -> OfferOut:
    return OfferOut(
        id=offer.pk,
        actor=cast(ActorRefOut, _actor_ref(offer.actor)),
        category=offer.category,
        title=offer.title,
        description=offer.description,
        target_groups=list(offer.target_groups),
        languages=list(offer.languages),
        cost=offer.cost,
        schedule=offer.schedule,
        **_place(offer),
        **_status(offer),
    )


@router.get(
    "/offers",
    response=_read(OfferListOut),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="Offers of the network (courses, counselling, ...), filtered like the directory",
)
def offers(request: HttpRequest, query: Query[OffersQuery]) -> HttpResponse:
    chosen = OfferFilter(
        category=query.category or "",
        target_group=query.target_group or "",
        language=query.language or "",
        cost=query.cost or "",
        town=query.town or "",
        actor=query.actor,
    )
    items = offers_filtered(chosen)

    def build() -> OfferListOut:
        count, found = _page_of(query, "offer", items)
        return OfferListOut(count=count, items=[_offer_out(o) for o in found], **_envelope(query))

    tables = _tables(Offer.objects.all(), query.lang, Actor.objects.all())
    return _list(request, query, "offer", tables, build)


@router.get(
    "/offers/{offer_id}",
    response=_read(OfferOut, detail=True),
    openapi_extra=conditional.OPENAPI_EXTRA,
    summary="One offer",
)
def offer_detail(request: HttpRequest, offer_id: int, query: Query[LangQuery]) -> HttpResponse:
    items = Offer.objects.filter(
        pk=offer_id, is_published=True, actor__is_published=True
    ).select_related("actor")
    tables = _tables(items, query.lang, Actor.objects.filter(offers=offer_id), item_id=offer_id)
    key = ("offer:one", offer_id, query.lang)
    return _one(request, items, query.lang, tables, key, _offer_out)


# --- partner proposals ---------------------------------------------------------------------


def _proposal_out(proposal: Proposal) -> ProposalOut:
    return ProposalOut(
        id=proposal.pk,
        actor=proposal.actor_id,
        kind=proposal.kind,
        object_id=proposal.object_id,
        status=proposal.status,
        submitted_at=proposal.submitted_at,
        reviewed_at=proposal.reviewed_at,
        note=proposal.note,
    )


def _own_actor(request: HttpRequest, actor_id: int) -> Actor:
    """The actor, if the user may propose for it; another actor answers like a missing one."""
    actor = get_object_or_404(Actor, pk=actor_id)
    if not may_propose_for(request.user, actor):
        raise Http404
    return actor


@router.post(
    "/actors/{actor_id}/proposals",
    response={201: ProposalOut, **WRITE},
    auth=staff_auth,
    summary="Propose a change of the actor's profile, offers or events (partner editors)",
    description="The change waits for an agency editor. Partner editors reach only the actors "
    "they belong to: any other actor, or another actor's offer or event, answers 404.",
)
def proposal_create(
    request: HttpRequest, actor_id: int, body: ProposalIn
) -> tuple[int, ProposalOut]:
    proposal = proposal_submit(
        user=request.user,
        actor=_own_actor(request, actor_id),
        kind=body.kind,
        object_id=body.object_id,
        data=dict(body.data),
    )
    return 201, _proposal_out(proposal)


@router.get(
    "/actors/{actor_id}/proposals",
    response={200: list[ProposalOut], 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=staff_auth,
    summary="The actor's proposals, newest first (its partner editors and agency editors)",
)
def proposal_list(request: HttpRequest, actor_id: int) -> list[ProposalOut]:
    actor = _own_actor(request, actor_id)
    found = Proposal.objects.filter(actor=actor).order_by("-submitted_at", "-pk")[:200]
    return [_proposal_out(proposal) for proposal in found]


def _reviewable(request: HttpRequest, proposal_id: int) -> Proposal:
    # Checked before the lookup, so that partners learn nothing about proposal ids.
    if not is_editor(request.user):
        raise ApplicationError(
            _("Only agency editors publish changes."), code="forbidden", status=403
        )
    return get_object_or_404(Proposal.objects.select_related("actor"), pk=proposal_id)


@router.post(
    "/proposals/{proposal_id}/publish",
    response={200: ProposalOut, **WRITE},
    auth=staff_auth,
    summary="Publish a proposal (agency editors); the change is public at once",
)
def proposal_publish_view(request: HttpRequest, proposal_id: int) -> ProposalOut:
    proposal = _reviewable(request, proposal_id)
    proposal_publish(proposal=proposal, user=request.user)
    proposal.refresh_from_db()
    return _proposal_out(proposal)


@router.post(
    "/proposals/{proposal_id}/return",
    response={200: ProposalOut, **WRITE},
    auth=staff_auth,
    summary="Return a proposal to the partner with a note (agency editors)",
)
def proposal_return_view(request: HttpRequest, proposal_id: int, body: ReturnIn) -> ProposalOut:
    proposal = _reviewable(request, proposal_id)
    proposal_return(proposal=proposal, user=request.user, note=body.note)
    proposal.refresh_from_db()
    return _proposal_out(proposal)
