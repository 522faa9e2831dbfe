"""A small portal for the tests of the public pages: a few pages, questions, news, actors,
offers and events, some translated into Arabic and Ukrainian, some only in German, one
translation outdated, one page in Leichte Sprache."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from mia.portal.models import Actor, Event, FaqEntry, NewsItem, Offer, Page
from mia.portal.services.content import source_save, translation_save


def _save(model: type, user: Any, **data: Any) -> Any:
    return source_save(item=model(), data=data, user=user)


def _translate(item: Any, language: str, user: Any, **data: Any) -> None:
    translation_save(item=item, language=language, data=data, user=user)


def build(user: Any) -> dict[str, Any]:
    arrival = _save(
        Page,
        user,
        slug="ankommen",
        topic="arrival",
        title="Ankommen im Burgenlandkreis",
        summary="Die ersten Schritte nach der Ankunft",
        body="<p>Melden Sie sich in der Migrationsagentur. Bringen Sie Ihren Pass mit.</p>",
    )
    _translate(
        arrival,
        "ar",
        user,
        title="الوصول إلى منطقة بورغنلاند",
        summary="الخطوات الأولى بعد الوصول",
        body="<p>سجّل في وكالة الهجرة. أحضر جواز سفرك.</p>",
    )
    _translate(
        arrival,
        "uk",
        user,
        title="Прибуття до району Бургенланд",
        summary="Перші кроки після прибуття",
        body="<p>Зареєструйтеся в агентстві з міграції. Візьміть паспорт.</p>",
    )
    _translate(
        arrival,
        "de-ls",
        user,
        title="Ankommen: einfach erklärt",
        summary="",
        body="<p>Sie sind neu hier. Wir helfen Ihnen.</p>",
    )
    registration = _save(
        Page,
        user,
        parent=arrival,
        slug="anmeldung",
        title="Wohnsitz anmelden",
        summary="Meldebescheinigung im Bürgerbüro",
        body="<p>Die Anmeldung der Wohnung ist Pflicht.</p>",
    )
    work = _save(
        Page,
        user,
        slug="arbeit",
        topic="work",
        title="Arbeit finden",
        body="<p>Das Jobcenter berät zur Arbeitssuche.</p>",
    )
    _translate(work, "ar", user, title="البحث عن عمل", body="<p>مركز العمل ينصح.</p>")
    work = source_save(item=work, data={"body": "<p>Das Jobcenter berät neu.</p>"}, user=user)
    hidden = _save(Page, user, slug="entwurf", title="Entwurf", is_published=False)

    housing_question = _save(
        FaqEntry,
        user,
        group="housing",
        question="Wo wohnen die Geflüchteten?",
        answer="<p>In Gemeinschaftsunterkünften und Wohnungen.</p>",
    )
    _translate(
        housing_question,
        "uk",
        user,
        question="Де живуть біженці?",
        answer="<p>У спільних гуртожитках і квартирах.</p>",
    )
    _translate(
        housing_question,
        "ar",
        user,
        question="أين يسكن اللاجئون؟",
        answer="<p>في مساكن جماعية وشقق.</p>",
    )
    costs_question = _save(
        FaqEntry,
        user,
        group="costs",
        question="Wer bezahlt die Unterkunft?",
        answer="<p>Das Land erstattet die Kosten.</p>",
    )

    now = timezone.now()
    news = _save(
        NewsItem,
        user,
        slug="neue-sprechzeiten",
        published_at=now - dt.timedelta(days=1),
        title="Neue Sprechzeiten",
        teaser="Ab Montag länger geöffnet",
        body="<p>Die Migrationsagentur ist montags bis 18 Uhr offen.</p>",
    )
    _translate(
        news,
        "ar",
        user,
        title="مواعيد جديدة",
        teaser="مفتوح لفترة أطول",
        body="<p>مفتوح حتى الساعة 6 مساءً.</p>",
    )
    _translate(
        news,
        "uk",
        user,
        title="Нові години прийому",
        teaser="Довше відкрито",
        body="<p>Відкрито до 18:00.</p>",
    )
    story = _save(
        NewsItem,
        user,
        kind="story",
        slug="fussball-verbindet",
        published_at=now - dt.timedelta(days=3),
        title="Fußball verbindet",
        teaser="Ein Verein in Zeitz",
        body="<p>Jeden Dienstag trainieren alle zusammen.</p>",
    )
    future = _save(
        NewsItem,
        user,
        slug="noch-nicht",
        published_at=now + dt.timedelta(days=5),
        title="Noch nicht veröffentlicht",
        body="<p>Später.</p>",
    )

    church = _save(
        Actor,
        user,
        name="Evangelische Gemeinde Naumburg",
        slug="gemeinde-naumburg",
        kind="church",
        fields=["counselling", "culture"],
        description="Beratung und Begegnung im Gemeindehaus.",
        email="kontakt@gemeinde.example",
        phone="03445 123456",
        languages=["de", "ar", "fa"],
        accessibility="Rampe am Seiteneingang",
        step_free=True,
        town="Naumburg (Saale)",
        postcode="06618",
        street="Domplatz 1",
        latitude=Decimal("51.15420"),
        longitude=Decimal("11.80360"),
    )
    _translate(
        church,
        "ar",
        user,
        description="استشارات ولقاءات في بيت الرعية.",
        accessibility="منحدر عند المدخل الجانبي",
    )
    club = _save(
        Actor,
        user,
        name="SV Zeitz",
        slug="sv-zeitz",
        kind="sports",
        fields=["sports"],
        description="Sport für alle.",
        languages=["de", "uk", "ru"],
        town="Zeitz",
        postcode="06712",
    )
    closed = _save(
        Actor, user, name="Aufgelöster Verein", slug="aufgeloest", kind="association", town="Zeitz"
    )
    source_save(item=closed, data={"is_published": False}, user=user)

    course = _save(
        Offer,
        user,
        actor=church,
        category="language",
        title="Deutschkurs für Anfänger",
        description="Lernen Sie Deutsch in kleinen Gruppen.",
        target_groups=["refugees"],
        languages=["de", "ar"],
        cost="free",
        schedule="dienstags 10 Uhr",
        town="Naumburg (Saale)",
        latitude=Decimal("51.15420"),
        longitude=Decimal("11.80360"),
    )
    _translate(
        course,
        "ar",
        user,
        title="دورة لغة ألمانية للمبتدئين",
        description="تعلم الألمانية في مجموعات صغيرة.",
        schedule="الثلاثاء الساعة 10",
    )
    _translate(
        course,
        "uk",
        user,
        title="Курс німецької для початківців",
        description="Вивчайте німецьку в малих групах.",
        schedule="щовівторка о 10",
    )
    training = _save(
        Offer,
        user,
        actor=club,
        category="sports",
        title="Fußballtraining",
        description="Training für Jugendliche.",
        target_groups=["young_people"],
        languages=["de", "uk"],
        cost="reduced",
        town="Zeitz",
    )
    counselling = _save(
        Offer,
        user,
        actor=church,
        category="counselling",
        title="Sozialberatung",
        description="Hilfe bei Anträgen.",
        target_groups=["everyone"],
        languages=["de", "fa"],
        cost="free",
        town="Naumburg (Saale)",
    )

    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=2), dt.time(18)))
    cafe = _save(
        Event,
        user,
        actor=church,
        title="Sprachcafé",
        description="Deutsch sprechen bei Kaffee und Kuchen.",
        venue="Gemeindehaus",
        town="Naumburg (Saale)",
        start=start,
        end=start + dt.timedelta(hours=2),
        recurrence="weekly",
        repeat_until=today + dt.timedelta(days=60),
    )
    _translate(cafe, "ar", user, title="مقهى اللغة", description="تحدث الألمانية مع القهوة.")
    _translate(cafe, "uk", user, title="Мовне кафе", description="Розмовляйте німецькою.")
    festival_start = start + dt.timedelta(days=10, hours=-4)
    festival = _save(
        Event,
        user,
        actor=club,
        title="Sportfest der Kulturen",
        description="Ein Fest für alle.",
        venue="Sportplatz",
        town="Zeitz",
        start=festival_start,
        end=festival_start + dt.timedelta(hours=5),
    )
    return {
        "arrival": arrival,
        "registration": registration,
        "work": work,
        "hidden": hidden,
        "housing_question": housing_question,
        "costs_question": costs_question,
        "news": news,
        "story": story,
        "future": future,
        "church": church,
        "club": club,
        "closed": closed,
        "course": course,
        "training": training,
        "counselling": counselling,
        "cafe": cafe,
        "festival": festival,
    }
