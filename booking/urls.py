from django.urls import path

from booking import views

app_name = "booking"

urlpatterns = [
    path("confirmed/", views.booking_confirmed, name="confirmed"),
    path("manage/<str:token>/", views.booking_manage, name="manage"),
    path("manage/<str:token>/cancel/", views.booking_cancel, name="cancel"),
    path("manage/<str:token>/move/", views.booking_reschedule, name="reschedule"),
    path("manage/<str:token>/calendar/", views.booking_calendar_file, name="calendar"),
    path("waiting/confirmed/", views.waiting_confirmed, name="waiting_confirmed"),
    path("waiting/<str:token>/", views.waiting_manage, name="waiting"),
    path("waiting/<str:token>/book/", views.waiting_claim, name="waiting_claim"),
    path("waiting/<str:token>/leave/", views.waiting_leave, name="waiting_leave"),
    path("<slug:slug>/", views.offering_booking, name="offering"),
]
