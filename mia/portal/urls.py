from django.urls import path

from mia.portal.views import directory, events, faq, feeds, home, news, pages, search

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("info/", pages.guide_index, name="guides"),
    path("info/<path:path>/", pages.page, name="page"),
    path("leicht/<path:path>/", pages.page_easy, name="page_easy"),
    path("faq/", faq.faq, name="faq"),
    path("news/", news.news_list, name="news"),
    path("news/feed.xml", feeds.news_feed, name="news_feed"),
    path("news/<slug:slug>/", news.news_detail, name="news_detail"),
    path("events/", events.event_list, name="events"),
    path("events.ics", feeds.events_ics, name="events_ics"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("events/<int:pk>.ics", feeds.event_ics, name="event_ics"),
    path("netzwerk/", directory.actor_list, name="actors"),
    path("netzwerk/<slug:slug>/", directory.actor_detail, name="actor"),
    path("angebote/", directory.offer_list, name="offers"),
    path("angebote/<int:pk>/", directory.offer_detail, name="offer"),
    path("suche/", search.search_page, name="search"),
]
