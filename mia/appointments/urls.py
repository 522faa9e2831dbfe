from django.urls import path

from mia.appointments.views import booking as views
from mia.appointments.views import printable, staff, waitlist

app_name = "appointments"
urlpatterns = [
    path("appointments/", views.choose, name="choose"),
    path("appointments/times/", views.times, name="times"),
    path("appointments/details/", views.details, name="details"),
    path("appointments/b/<str:code>/", views.booking, name="booking"),
    path("appointments/b/<str:code>/cancel/", views.cancel, name="cancel"),
    path("appointments/b/<str:code>/move/", views.move, name="move"),
    path("appointments/b/<str:code>/offer/", waitlist.offer_answer, name="offer_answer"),
    path("appointments/waitlist/", waitlist.join, name="waitlist_join"),
    path("appointments/waitlist/<str:code>/", waitlist.entry, name="waitlist_entry"),
]

# The printable confirmation; staff pages of appointments, beside /reception/ and /desk/.
STAFF = "staff/appointments/<slug:team>/"
urlpatterns += [
    path("appointments/b/<str:code>/print/", printable.booking_print, name="print"),
    path("staff/appointments/", staff.staff_teams, name="staff_teams"),
    path(STAFF, staff.staff_team, name="staff_team"),
    path(STAFF + "rules/<int:pk>/delete/", staff.staff_rule_delete, name="staff_rule_delete"),
    path(STAFF + "blocks/<int:pk>/delete/", staff.staff_block_delete, name="staff_block_delete"),
    path(STAFF + "day/", staff.staff_day_pick, name="staff_day_pick"),
    path(STAFF + "day/<str:day>/", staff.staff_day, name="staff_day"),
    path(STAFF + "book/", staff.staff_book, name="staff_book"),
    path(STAFF + "booked/<str:code>/", staff.staff_booked, name="staff_booked"),
]
