from django.urls import path

from . import dashboards, exports, publish_views, schema, views

app_name = "disclosure"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/tasks/<int:number>/", views.task_detail, name="task"),
    path("plans/<int:plan_id>/publications/", views.publications, name="publications"),
    path(
        "plans/<int:plan_id>/publications/<int:old_id>/<int:new_id>/", views.compare, name="compare"
    ),
    path("plans/<int:plan_id>/dashboard/", dashboards.plan_dashboard, name="dashboard"),
    path(
        "plans/<int:plan_id>/dashboard.json", dashboards.plan_dashboard_data, name="dashboard-data"
    ),
    path("plans/<int:plan_id>/download.<str:fmt>", exports.download, name="export"),
    path("open-data/schema.json", schema.open_data_schema, name="open-data-schema"),
    path("governments/<path:name>/", views.government, name="government"),
    path("units/<path:name>/", views.unit, name="unit"),
    # The office's screen, where its workspace leads to it.
    path("work/plans/<int:plan_id>/publish/", publish_views.publish, name="publish"),
]
