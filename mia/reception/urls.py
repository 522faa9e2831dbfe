from django.urls import path

from mia.reception.views import board, desk, reception, visitor

app_name = "reception"
urlpatterns = [
    path("reception/", reception.reception, name="home"),
    path("reception/close-day/", reception.close_day, name="close_day"),
    path("reception/check-in/", reception.check_in, name="check_in"),
    path("reception/visits/<int:pk>/ticket/", reception.ticket, name="ticket"),
    path("desk/", desk.desk_choose, name="desk_choose"),
    path("desk/<int:pk>/", desk.desk, name="desk"),
    path("desk/<int:pk>/queue/", desk.desk_queue, name="desk_queue"),
    path("desk/<int:pk>/call-next/", desk.desk_call_next, name="desk_call_next"),
    path("desk/<int:pk>/call/<int:concern_pk>/", desk.desk_call, name="desk_call"),
    path("desk/<int:pk>/leave/", desk.desk_leave, name="desk_leave"),
    path("concerns/<int:pk>/<slug:action>/", desk.concern_action, name="concern_action"),
    path("board/<slug:slug>/", board.board, name="board"),
    path("board/<slug:slug>/live/", board.board_live, name="board_live"),
    path("t/<str:code>/", visitor.status, name="status"),
    path("t/<str:code>/live/", visitor.status_live, name="status_live"),
    path("kiosk/<slug:slug>/", visitor.kiosk, name="kiosk"),
    path("kiosk/<slug:slug>/concerns/", visitor.kiosk_concerns, name="kiosk_concerns"),
    path("kiosk/<slug:slug>/ticket/<str:code>/", visitor.kiosk_ticket, name="kiosk_ticket"),
]
