from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("which/", views.which_help, name="which"),
    path("ask/", views.ask, name="ask"),
    path("report/", views.report, name="report"),
    path("sent/", views.sent, name="sent"),
    path("status/<str:token>/", views.status, name="status"),
]
