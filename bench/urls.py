from django.http import HttpRequest, HttpResponse
from django.urls import path

from mia.urls import urlpatterns as mia_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), *mia_urlpatterns]
