from django.urls import path

from booking import views

app_name = "booking"

urlpatterns = [
    path("confirmed/", views.booking_confirmed, name="confirmed"),
    path("manage/<token:token>/", views.booking_manage, name="manage"),
    path("manage/<token:token>/cancel/", views.booking_cancel, name="cancel"),
    path("manage/<token:token>/confirm/", views.booking_confirm, name="confirm"),
    path("manage/<token:token>/move/", views.booking_reschedule, name="reschedule"),
    path("manage/<token:token>/calendar/", views.booking_calendar_file, name="calendar"),
    path("feedback/<token:token>/", views.session_feedback, name="feedback"),
    path("waiting/confirmed/", views.waiting_confirmed, name="waiting_confirmed"),
    path("waiting/<token:token>/", views.waiting_manage, name="waiting"),
    path("waiting/<token:token>/book/", views.waiting_claim, name="waiting_claim"),
    path("waiting/<token:token>/leave/", views.waiting_leave, name="waiting_leave"),
    path("<slug:slug>/", views.offering_booking, name="offering"),
]
