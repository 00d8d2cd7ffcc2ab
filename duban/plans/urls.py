from django.urls import path

from . import office_views, views

app_name = "plans"
urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<uuid:upload_id>/", views.preview, name="preview"),
    path("import/<uuid:upload_id>/confirm/", views.confirm, name="confirm"),
    path("plans/new/", office_views.plan_edit, name="plan-new"),
    path("plans/<int:plan_id>/", office_views.plan_edit, name="plan-edit"),
    path("plans/<int:plan_id>/tasks/new/", office_views.task_edit, name="task-new"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/", office_views.task_edit, name="task-edit"),
    path("plans/<int:plan_id>/paste/", office_views.paste, name="paste"),
]
