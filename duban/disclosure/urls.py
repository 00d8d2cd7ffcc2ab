from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/tasks/<int:number>/", views.task_detail, name="task"),
    path(
        "plans/<int:plan_id>/tasks/<int:number>/status/",
        views.confirm_status,
        name="confirm-status",
    ),
]
