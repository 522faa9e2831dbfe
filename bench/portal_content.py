"""Bulk portal content for bench/portal_load.py: 1,000 information pages in 12 languages (the
German source and 11 translations, about one in six outdated), 500 network actors with 10,000
offers (each translated into two languages), and the search index rows of all of them. Written
with bulk_create in batches, so it takes seconds, not the minutes the editors' services would
need row by row; the search rows are built with the same texts as
mia/portal/services/search_index.py.

Slugs and paths start with "bench-", so the content sits beside the demo agency's.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mia_bench_portal \\
        .venv/bin/python bench/portal_content.py --pages 1000 --offers 10000 --actors 500
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BATCH = 2000
TOWNS = (
    "Naumburg",
    "Zeitz",
    "Weißenfels",
    "Hohenmölsen",
    "Lützen",
    "Teuchern",
    "Nebra",
    "Freyburg",
    "Osterfeld",
    "Laucha",
    "Droyßig",
)
LANGUAGES = ("de", "en", "ar", "uk", "ru", "fa", "ps", "tr", "ro", "pl", "vi", "fr")
# A few words in every portal language, so that a search in a language finds its own words.
WORDS: dict[str, tuple[str, ...]] = {
    "de": ("Sprachkurs", "Beratung", "Arbeit", "Familie", "Kinder", "Sport", "Wohnung",
           "Gesundheit", "Schule", "Treffpunkt", "Hilfe", "Dokumente"),
    "en": ("language course", "counselling", "work", "family", "children", "sports", "housing",
           "health", "school", "meeting place", "help", "documents"),
    "ar": ("دورة لغة", "استشارة", "عمل", "عائلة", "أطفال", "رياضة", "سكن", "صحة", "مدرسة",
           "لقاء", "مساعدة", "وثائق"),
    "uk": ("мовний курс", "консультація", "робота", "родина", "діти", "спорт", "житло",
           "здоров'я", "школа", "зустріч", "допомога", "документи"),
    "ru": ("языковой курс", "консультация", "работа", "семья", "дети", "спорт", "жильё",
           "здоровье", "школа", "встреча", "помощь", "документы"),
    "fa": ("کلاس زبان", "مشاوره", "کار", "خانواده", "کودکان", "ورزش", "مسکن", "سلامت", "مدرسه",
           "دیدار", "کمک", "مدارک"),
    "ps": ("د ژبې کورس", "مشوره", "کار", "کورنۍ", "ماشومان", "سپورت", "استوګنځی", "روغتیا",
           "ښوونځی", "لیدنه", "مرسته", "اسناد"),
    "tr": ("dil kursu", "danışmanlık", "iş", "aile", "çocuklar", "spor", "konut", "sağlık",
           "okul", "buluşma", "yardım", "belgeler"),
    "ro": ("curs de limbă", "consiliere", "muncă", "familie", "copii", "sport", "locuință",
           "sănătate", "școală", "întâlnire", "ajutor", "documente"),
    "pl": ("kurs językowy", "doradztwo", "praca", "rodzina", "dzieci", "sport", "mieszkanie",
           "zdrowie", "szkoła", "spotkanie", "pomoc", "dokumenty"),
    "vi": ("khóa học ngôn ngữ", "tư vấn", "việc làm", "gia đình", "trẻ em", "thể thao",
           "nhà ở", "sức khỏe", "trường học", "gặp gỡ", "giúp đỡ", "giấy tờ"),
    "fr": ("cours de langue", "conseil", "travail", "famille", "enfants", "sport", "logement",
           "santé", "école", "rencontre", "aide", "documents"),
}  # fmt: skip
SENTENCE = {
    "de": "Hier finden Sie Informationen für Neuzugewanderte im Burgenlandkreis",
    "en": "Here you find information for newcomers in the Burgenland district",
    "ar": "هنا تجد معلومات للقادمين الجدد في منطقة بورغنلاند",
    "uk": "Тут ви знайдете інформацію для новоприбулих у районі Бургенланд",
    "ru": "Здесь вы найдёте информацию для новоприбывших в районе Бургенланд",
    "fa": "در اینجا اطلاعاتی برای تازه واردان در منطقه بورگنلند می یابید",
    "ps": "دلته د بورګنلینډ ولسوالۍ د نویو راغلو لپاره معلومات شته",
    "tr": "Burada Burgenland ilçesine yeni gelenler için bilgiler bulabilirsiniz",
    "ro": "Aici găsiți informații pentru nou-veniți în districtul Burgenland",
    "pl": "Tutaj znajdziesz informacje dla nowo przybyłych w powiecie Burgenland",
    "vi": "Tại đây bạn tìm thấy thông tin cho người mới đến huyện Burgenland",
    "fr": "Vous trouverez ici des informations pour les nouveaux arrivants du district",
}
CATEGORIES = ("language", "counselling", "sports", "volunteering", "childcare", "work", "meeting")
# The words an offer of each category is about (indices into WORDS).
CATEGORY_WORDS = {
    "language": (0, 8),
    "counselling": (1, 11),
    "sports": (5, 9),
    "volunteering": (10, 9),
    "childcare": (4, 3),
    "work": (2, 11),
    "meeting": (9, 3),
}
FIELDS = ("work", "health", "education", "volunteering", "housing", "family", "sports",
          "counselling", "culture")  # fmt: skip
KINDS = ("association", "church", "education", "sports", "employer", "migrant", "welfare")
GROUPS = ("refugees", "asylum_seekers", "eu_citizens", "skilled_workers", "students",
          "families", "young_people", "everyone")  # fmt: skip


def text(language: str, rng: random.Random, concepts: list[int], sentences: int) -> str:
    words = WORDS[language]
    parts = [f"{SENTENCE[language]}: {words[c]}." for c in concepts]
    parts += [SENTENCE[language] + "." for _ in range(sentences)]
    rng.shuffle(parts)
    return " ".join(parts)


def html(paragraph: str) -> str:
    return f"<p>{paragraph}</p>"


def in_batches(model: Any, rows: list[Any]) -> list[Any]:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def make_pages(count: int, rng: random.Random, now: dt.datetime) -> list[Any]:
    """Sections of 50: one page at the top, 49 below it."""
    from mia.portal.models import Page

    def page(number: int, parent: Any | None) -> Any:
        concepts = rng.sample(range(12), 2)
        slug = f"bench-{number:04d}"
        return Page(
            parent=parent,
            slug=slug,
            path=f"{parent.path}/{slug}" if parent else slug,
            position=number % 50,
            title=f"{WORDS['de'][concepts[0]]} {number}",
            summary=text("de", rng, concepts[:1], 0),
            body=html(text("de", rng, concepts, 8)),
            source_changed_at=now,
            is_published=True,
        )

    tops = in_batches(Page, [page(n, None) for n in range(0, count, 50)])
    children = [page(n, tops[n // 50]) for n in range(count) if n % 50]
    return tops + in_batches(Page, children)


def translation_rows(
    model: Any, items: list[Any], languages: list[str], fields: dict[str, Any], outdated: float,
    rng: random.Random, now: dt.datetime,
) -> list[Any]:  # fmt: skip
    rows = []
    for item in items:
        for language in languages:
            stale = rng.random() < outdated
            version = now - dt.timedelta(days=1) if stale else now
            texts = {name: build(item, language) for name, build in fields.items()}
            rows.append(model(item=item, language=language, source_version=version, **texts))
    return rows


def title_in(item: Any, language: str) -> str:
    """The item's title with its leading German word in `language`."""
    word, _space, rest = item.title.partition(" ")
    index = WORDS["de"].index(word) if word in WORDS["de"] else 0
    return f"{WORDS[language][index]} {rest}"


def make_page_translations(pages: list[Any], rng: random.Random, now: dt.datetime) -> int:
    from mia.portal.models import PageTranslation

    made = 0
    for language in LANGUAGES[1:]:

        def body(page: Any, code: str) -> str:
            return html(text(code, rng, rng.sample(range(12), 2), 8))

        fields = {
            "title": title_in,
            "summary": lambda page, code: SENTENCE[code],
            "body": body,
        }
        rows = translation_rows(PageTranslation, pages, [language], fields, 1 / 6, rng, now)
        made += len(in_batches(PageTranslation, rows))
    return made


def make_actors(count: int, rng: random.Random, now: dt.datetime) -> list[Any]:
    from mia.portal.models import Actor

    rows = [
        Actor(
            name=f"Bench-Verein {number}",
            slug=f"bench-verein-{number}",
            kind=rng.choice(KINDS),
            fields=rng.sample(FIELDS, 2),
            description=text("de", rng, rng.sample(range(12), 2), 2),
            languages=["de", *rng.sample(LANGUAGES[1:], 2)],
            town=rng.choice(TOWNS),
            email=f"verein{number}@example.org",
            source_changed_at=now,
        )
        for number in range(count)
    ]
    return in_batches(Actor, rows)


def make_offers(count: int, actors: list[Any], rng: random.Random, now: dt.datetime) -> list[Any]:
    from mia.portal.models import Offer

    rows = []
    for number in range(count):
        category = rng.choice(CATEGORIES)
        main, second = CATEGORY_WORDS[category]
        actor = rng.choice(actors)
        rows.append(
            Offer(
                actor=actor,
                category=category,
                title=f"{WORDS['de'][main]} {actor.town} {number}",
                description=text("de", rng, [main, second], 2),
                target_groups=rng.sample(GROUPS, rng.randint(1, 2)),
                languages=["de", *rng.sample(LANGUAGES[1:], rng.randint(0, 2))],
                cost=rng.choice(("free", "free", "reduced", "paid")),
                schedule=f"{rng.choice(('Mo', 'Di', 'Mi', 'Do', 'Fr'))} {rng.randint(8, 19)} Uhr",
                town=actor.town,
                source_changed_at=now,
            )
        )
    return in_batches(Offer, rows)


def make_offer_translations(offers: list[Any], rng: random.Random, now: dt.datetime) -> int:
    from mia.portal.models import OfferTranslation

    rows = []
    for offer in offers:
        for language in rng.sample(LANGUAGES[1:], 2):
            stale = rng.random() < 1 / 6
            concepts = [WORDS["de"].index(offer.title.split(" ")[0]), rng.randrange(12)]
            rows.append(
                OfferTranslation(
                    item=offer,
                    language=language,
                    source_version=now - dt.timedelta(days=1) if stale else now,
                    title=title_in(offer, language),
                    description=text(language, rng, concepts, 2),
                    schedule=offer.schedule,
                )
            )
    return len(in_batches(OfferTranslation, rows))


def index(model: Any) -> int:
    """Search rows of every bench item of `model`, with the texts search_index_update writes."""
    from mia.core.languages import CODES, SOURCE_LANGUAGE
    from mia.portal.models import SearchEntry
    from mia.portal.services import search_index
    from mia.portal.services.richtext import plain

    kind = search_index.KIND_OF[model]
    _model, title_field, summary_field, fields = search_index.KINDS[kind]
    lookup = {"path__startswith": "bench-"} if kind == "page" else {"slug__startswith": "bench-"}
    if kind == "offer":
        lookup = {"actor__slug__startswith": "bench-"}
    items = model.objects.filter(is_published=True, **lookup).prefetch_related("translations")
    rows = []
    for item in items.iterator(chunk_size=BATCH):
        translations = {t.language: t for t in item.translations.all()}
        for language in CODES:
            translation = translations.get(language)
            texts = search_index._texts(item, fields, translation)
            rows.append(
                SearchEntry(
                    kind=kind,
                    object_id=item.pk,
                    language=language,
                    fallback=language != SOURCE_LANGUAGE and translation is None,
                    title=texts[title_field][:300],
                    summary=plain(texts[summary_field])[:400] if summary_field else "",
                    text=" ".join(plain(value) for value in texts.values()).casefold(),
                )
            )
    return len(in_batches(SearchEntry, rows))


def generate(pages: int, offers: int, actors: int, seed: int) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from mia.portal.models import Actor, Offer, Page

    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        made_pages = make_pages(pages, rng, now)
        page_translations = make_page_translations(made_pages, rng, now)
        made_actors = make_actors(actors, rng, now)
        made_offers = make_offers(offers, made_actors, rng, now)
        offer_translations = make_offer_translations(made_offers, rng, now)
        written = time.perf_counter()
        entries = sum(index(model) for model in (Page, Actor, Offer))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum would soon: fresh planner statistics
            cursor.execute("ANALYZE")
    return {
        "pages": len(made_pages),
        "page_translations": page_translations,
        "actors": len(made_actors),
        "offers": len(made_offers),
        "offer_translations": offer_translations,
        "search_entries": entries,
        "seconds_content": round(written - started, 1),
        "seconds_search_index": round(time.perf_counter() - written, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    print(json.dumps(generate(args.pages, args.offers, args.actors, args.seed)))


if __name__ == "__main__":
    main()
