from django.urls import path

from mia.reception import views

app_name = "reception"
urlpatterns = [
    path("reception/", views.reception, name="home"),
    path("reception/close-day/", views.close_day, name="close_day"),
    path("reception/visits/<int:pk>/ticket/", views.ticket, name="ticket"),
    path("desk/", views.desk_choose, name="desk_choose"),
    path("desk/<int:pk>/", views.desk, name="desk"),
    path("desk/<int:pk>/queue/", views.desk_queue, name="desk_queue"),
    path("desk/<int:pk>/call-next/", views.desk_call_next, name="desk_call_next"),
    path("desk/<int:pk>/call/<int:concern_pk>/", views.desk_call, name="desk_call"),
    path("desk/<int:pk>/leave/", views.desk_leave, name="desk_leave"),
    path("concerns/<int:pk>/<slug:action>/", views.concern_action, name="concern_action"),
    path("board/<slug:slug>/", views.board, name="board"),
    path("board/<slug:slug>/live/", views.board_live, name="board_live"),
    path("t/<str:code>/", views.status, name="status"),
    path("t/<str:code>/live/", views.status_live, name="status_live"),
    path("kiosk/<slug:slug>/", views.kiosk, name="kiosk"),
    path("kiosk/<slug:slug>/concerns/", views.kiosk_concerns, name="kiosk_concerns"),
    path("kiosk/<slug:slug>/ticket/<str:code>/", views.kiosk_ticket, name="kiosk_ticket"),
]
