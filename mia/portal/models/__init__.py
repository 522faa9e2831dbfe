from mia.portal.models.base import EASY_GERMAN, Source, Translation
from mia.portal.models.content import (
    FaqEntry,
    FaqGroup,
    FaqTranslation,
    NewsItem,
    NewsTranslation,
    Page,
    PageTranslation,
    Topic,
)
from mia.portal.models.network import (
    Actor,
    ActorKind,
    ActorTranslation,
    Cost,
    Event,
    EventTranslation,
    FieldOfAction,
    Offer,
    OfferCategory,
    OfferTranslation,
    Recurrence,
)
from mia.portal.models.review import Proposal
from mia.portal.models.search import SearchEntry

__all__ = [
    "EASY_GERMAN",
    "Actor",
    "ActorKind",
    "ActorTranslation",
    "Cost",
    "Event",
    "EventTranslation",
    "FaqEntry",
    "FaqGroup",
    "FaqTranslation",
    "FieldOfAction",
    "NewsItem",
    "NewsTranslation",
    "Offer",
    "OfferCategory",
    "OfferTranslation",
    "Page",
    "PageTranslation",
    "Proposal",
    "Recurrence",
    "SearchEntry",
    "Source",
    "Topic",
    "Translation",
]
