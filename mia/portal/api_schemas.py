"""Input and output schemas of the portal API (mia/portal/api.py)."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, cast

from ninja import Field, Schema
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    with_config,
)
from typing_extensions import TypedDict

from mia.core.schemas import LanguageCode
from mia.organisation.models import TargetGroup
from mia.portal.models import (
    ActorKind,
    Cost,
    FaqGroup,
    FieldOfAction,
    NewsItem,
    OfferCategory,
    Proposal,
    Recurrence,
    Topic,
)

MAX_LIMIT = 200
MAX_OFFSET = 100_000
MAX_ID = 2_147_483_647
# Query text reaches SQL as a parameter; PostgreSQL refuses NUL bytes in it, so they are 422.
NO_CONTROL = r"^[^\x00-\x1f]*$"
PATH = r"^[-a-zA-Z0-9_]+(/[-a-zA-Z0-9_]+)*$"

TopicCode = Literal[tuple(Topic.values)]  # type: ignore[valid-type]
FaqGroupCode = Literal[tuple(FaqGroup.values)]  # type: ignore[valid-type]
NewsKindCode = Literal[tuple(NewsItem.Kind.values)]  # type: ignore[valid-type]
FieldCode = Literal[tuple(FieldOfAction.values)]  # type: ignore[valid-type]
ActorKindCode = Literal[tuple(ActorKind.values)]  # type: ignore[valid-type]
CategoryCode = Literal[tuple(OfferCategory.values)]  # type: ignore[valid-type]
CostCode = Literal[tuple(Cost.values)]  # type: ignore[valid-type]
TargetGroupCode = Literal[tuple(TargetGroup.values)]  # type: ignore[valid-type]
RecurrenceCode = Literal[tuple(Recurrence.values)]  # type: ignore[valid-type]
ProposalKind = Literal[tuple(Proposal.Kind.values)]  # type: ignore[valid-type]
ProposalStatus = Literal[tuple(Proposal.Status.values)]  # type: ignore[valid-type]
TranslationStatus = Literal["source", "current", "outdated", "missing"]
SpokenLanguage = Field(None, pattern=r"^[a-z]{2,3}$", description="Language code, e.g. `uk`")


# --- queries -------------------------------------------------------------------------------


class LangQuery(Schema):
    lang: LanguageCode = Field(
        "de", description="Reading language; untranslated texts come in German, marked so"
    )


class ListQuery(LangQuery):
    q: str = Field(
        "",
        max_length=200,
        pattern=NO_CONTROL,
        description="Words that must all occur, searched in the reading language (German text "
        "where a translation is missing); best matches first, at most 200",
    )
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PagesQuery(ListQuery):
    topic: TopicCode | None = Field(None, description="Only the guide on this topic")  # type: ignore[valid-type]
    parent: str | None = Field(
        None, max_length=400, pattern=PATH, description="Only the pages right below this path"
    )


class FaqQuery(ListQuery):
    group: FaqGroupCode | None = None  # type: ignore[valid-type]


class NewsQuery(ListQuery):
    kind: NewsKindCode | None = None  # type: ignore[valid-type]


class Window(Schema):
    date_from: dt.date | None = Field(
        None, alias="from", description="First day (Berlin), default today"
    )
    date_to: dt.date | None = Field(
        None, alias="to", description="Last day, default 90 days after `from`; at most a year"
    )


class EventsQuery(ListQuery, Window):
    actor: int | None = Field(None, ge=1, le=MAX_ID, description="Only this actor's events")


class EventQuery(LangQuery, Window):
    pass


class ActorsQuery(ListQuery):
    field: FieldCode | None = Field(None, description="Field of action")  # type: ignore[valid-type]
    kind: ActorKindCode | None = None  # type: ignore[valid-type]
    town: str | None = Field(None, max_length=80, pattern=NO_CONTROL)
    language: str | None = SpokenLanguage


class OffersQuery(ListQuery):
    category: CategoryCode | None = None  # type: ignore[valid-type]
    target_group: TargetGroupCode | None = Field(  # type: ignore[valid-type]
        None, description="Offers for this group and for everyone"
    )
    language: str | None = SpokenLanguage
    cost: CostCode | None = None  # type: ignore[valid-type]
    town: str | None = Field(None, max_length=80, pattern=NO_CONTROL)
    actor: int | None = Field(None, ge=1, le=MAX_ID)


# --- content out ---------------------------------------------------------------------------


class Out(BaseModel):
    """Answers are plain pydantic models: Ninja's Schema reads every field of every item
    through a Django-aware getter, which made a list of 50 offers take 30 ms to build."""

    model_config = ConfigDict(populate_by_name=True)


class LocalizedOut(Out):
    language: LanguageCode = Field(
        description="Language of the texts returned: `lang`, or `de` when not translated"
    )
    translation_status: TranslationStatus = Field(
        description="source (German asked for), current, outdated (the German changed after "
        "the translation; the translation is returned) or missing (German returned)"
    )
    updated_at: dt.datetime


class PlaceOut(Out):
    town: str
    postcode: str
    street: str
    latitude: float | None
    longitude: float | None


class ActorRefOut(Out):
    id: int
    slug: str
    name: str


class ListOut(Out):
    count: int = Field(description="Matching items in all (the page holds `limit` at most)")
    limit: int
    offset: int
    language: LanguageCode = Field(description="The reading language asked for")


class PageOut(LocalizedOut):
    id: int
    path: str = Field(description="The page's address below /<lang>/info/")
    parent: str | None = Field(description="Path of the page above, if any")
    topic: str = Field(description="Guide topic, or empty")
    position: int
    title: str
    summary: str


class PageDetailOut(PageOut):
    body: str = Field(description="Sanitised HTML")


class PageListOut(ListOut):
    items: list[PageOut]


class FaqOut(LocalizedOut):
    id: int
    group: str
    position: int
    question: str
    answer: str = Field(description="Sanitised HTML")


class FaqListOut(ListOut):
    items: list[FaqOut]


class NewsOut(LocalizedOut):
    id: int
    slug: str
    kind: str = Field(description="news or story")
    published_at: dt.datetime
    title: str
    teaser: str


class NewsDetailOut(NewsOut):
    body: str = Field(description="Sanitised HTML")


class NewsListOut(ListOut):
    items: list[NewsOut]


class EventBaseOut(LocalizedOut, PlaceOut):
    id: int
    title: str
    description: str
    venue: str
    recurrence: str = Field(description="empty (once), weekly or monthly")
    repeat_until: dt.date | None
    actor: ActorRefOut | None


class EventDateOut(EventBaseOut):
    start: dt.datetime = Field(description="This date's start, ISO 8601 with offset")
    end: dt.datetime


class DateOut(Out):
    start: dt.datetime
    end: dt.datetime


class EventDetailOut(EventBaseOut):
    first_start: dt.datetime
    first_end: dt.datetime
    dates: list[DateOut] = Field(description="Dates between `from` and `to`")


class EventListOut(ListOut):
    date_from: dt.date = Field(alias="from")
    date_to: dt.date = Field(alias="to")
    items: list[EventDateOut] = Field(description="One item per date, in order")


class ActorOut(LocalizedOut, PlaceOut):
    id: int
    slug: str
    name: str
    kind: str
    fields: list[str] = Field(description="Fields of action")
    description: str
    accessibility: str
    step_free: bool
    email: str
    phone: str
    website: str
    languages: list[str] = Field(description="Languages spoken")


class ActorListOut(ListOut):
    items: list[ActorOut]


class OfferOut(LocalizedOut, PlaceOut):
    id: int
    actor: ActorRefOut
    category: str
    title: str
    description: str
    target_groups: list[str]
    languages: list[str] = Field(description="Languages the offer is held in")
    cost: str
    schedule: str


class OfferListOut(ListOut):
    items: list[OfferOut]


# --- proposals -----------------------------------------------------------------------------


Text8 = Annotated[str, Field(max_length=8)]
Text10 = Annotated[str, Field(max_length=10)]
Text40 = Annotated[str, Field(max_length=40)]
Text80 = Annotated[str, Field(max_length=80)]
Text120 = Annotated[str, Field(max_length=120)]
Text200 = Annotated[str, Field(max_length=200)]
Text254 = Annotated[str, Field(max_length=254)]
Text300 = Annotated[str, Field(max_length=300)]
LongText = Annotated[str, Field(max_length=20_000)]


Coordinate = Annotated[Decimal, Field(max_digits=8, decimal_places=5)]


@with_config(ConfigDict(extra="forbid"))
class DataIn(TypedDict, total=False):
    """Only the fields sent change; the rest keeps its published value."""

    town: Text80
    postcode: Text10
    street: Text120
    latitude: Annotated[Coordinate | None, Field(ge=-90, le=90)]
    longitude: Annotated[Coordinate | None, Field(ge=-180, le=180)]


class ActorDataIn(DataIn, total=False):
    description: LongText
    email: Text254
    phone: Text40
    website: Text200
    languages: Annotated[list[Text8], Field(max_length=30)]
    accessibility: Text300
    step_free: bool
    fields: list[FieldCode]  # type: ignore[valid-type]


class OfferDataIn(DataIn, total=False):
    category: CategoryCode  # type: ignore[valid-type]
    title: Text200
    description: LongText
    target_groups: list[TargetGroupCode]  # type: ignore[valid-type]
    languages: Annotated[list[Text8], Field(max_length=30)]
    cost: CostCode  # type: ignore[valid-type]
    schedule: Text200


class EventDataIn(DataIn, total=False):
    title: Text200
    description: LongText
    venue: Text200
    start: AwareDatetime
    end: AwareDatetime
    recurrence: RecurrenceCode  # type: ignore[valid-type]
    repeat_until: dt.date | None


DATA_IN: dict[str, TypeAdapter[Any]] = {
    "actor": TypeAdapter(ActorDataIn),
    "offer": TypeAdapter(OfferDataIn),
    "event": TypeAdapter(EventDataIn),
}


class ProposalIn(Schema):
    kind: ProposalKind  # type: ignore[valid-type]
    object_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="The offer or event to change; empty proposes a new one (ignored for the "
        "actor profile, which is the actor of the address)",
    )
    data: ActorDataIn | OfferDataIn | EventDataIn = Field(
        description="The fields to change, by `kind`; all others keep their published value"
    )

    @field_validator("data", mode="wrap")
    @classmethod
    def _data_of_kind(cls, value: Any, handler: Any, info: ValidationInfo) -> dict[str, Any]:
        """Checked against the fields of its `kind` alone (the union is for the docs)."""
        kind = info.data.get("kind")
        if kind not in DATA_IN:
            raise ValueError("a valid kind is needed to check the data")
        return cast(dict[str, Any], DATA_IN[kind].validate_python(value))


class ProposalOut(Schema):
    id: int
    actor: int
    kind: ProposalKind  # type: ignore[valid-type]
    object_id: int | None = Field(description="The entry; empty until a new one is published")
    status: ProposalStatus = Field(  # type: ignore[valid-type]
        description="pending (waiting for an agency editor), published or rejected (returned)"
    )
    submitted_at: dt.datetime
    reviewed_at: dt.datetime | None
    note: str = Field(description="The editor's note on a returned proposal")


class ReturnIn(Schema):
    note: str = Field("", max_length=500)
