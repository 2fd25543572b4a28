from django.urls import path

from buddies import views

app_name = "buddies"

urlpatterns = [
    path("confirmed/", views.signup_confirmed, name="confirmed"),
    path("manage/<token:token>/", views.manage, name="manage"),
    path("check-in/<token:token>/", views.check_in, name="check_in"),
    path("<slug:slug>/", views.program_detail, name="program"),
    path("<slug:slug>/<str:side>/", views.signup, name="signup"),
]
