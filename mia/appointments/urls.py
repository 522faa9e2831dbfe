from django.urls import path

from mia.appointments import views

app_name = "appointments"
urlpatterns = [
    path("appointments/", views.choose, name="choose"),
    path("appointments/times/", views.times, name="times"),
    path("appointments/details/", views.details, name="details"),
    path("appointments/b/<str:code>/", views.booking, name="booking"),
    path("appointments/b/<str:code>/cancel/", views.cancel, name="cancel"),
    path("appointments/b/<str:code>/move/", views.move, name="move"),
]
