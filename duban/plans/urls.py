from django.urls import path

from . import office_views, unit_views, views

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
urlpatterns += [
    path("units/", unit_views.unit_list, name="units"),
    path("units/new/", unit_views.unit_new, name="unit-new"),
    path("units/<int:unit_id>/", unit_views.unit_edit, name="unit-edit"),
    path("units/<int:unit_id>/merge/", unit_views.unit_merge, name="unit-merge"),
]
