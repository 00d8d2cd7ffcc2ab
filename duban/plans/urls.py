from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<uuid:upload_id>/", views.preview, name="preview"),
    path("import/<uuid:upload_id>/confirm/", views.confirm, name="confirm"),
]
