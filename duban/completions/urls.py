from django.urls import path

from . import views

app_name = "completions"
urlpatterns = [
    path("import/<uuid:upload_id>/pairing/", views.review, name="review"),
    path("import/<uuid:upload_id>/pairing/confirm/", views.confirm, name="confirm"),
    path("plans/<int:plan_id>/completion/", views.plan_outcomes, name="plan"),
    path("outcomes/<int:outcome_id>/choose/", views.choose, name="choose"),
]
