from django.urls import path

from mia.organisation import views

app_name = "organisation"
urlpatterns = [path("services/", views.services, name="services")]
