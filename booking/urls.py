from django.urls import path

from booking import views

app_name = "booking"

urlpatterns = [
    path("confirmed/", views.booking_confirmed, name="confirmed"),
    path("manage/<str:token>/", views.booking_manage, name="manage"),
    path("manage/<str:token>/cancel/", views.booking_cancel, name="cancel"),
    path("manage/<str:token>/move/", views.booking_reschedule, name="reschedule"),
    path("manage/<str:token>/calendar/", views.booking_calendar_file, name="calendar"),
    path("<slug:slug>/", views.offering_booking, name="offering"),
]
