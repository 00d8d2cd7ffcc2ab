from django.urls import path

from . import ledger_views, milestone_views, remind_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/", views.notifications, name="notifications"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path(
        "attachments/<int:attachment_id>/remove/", views.attachment_remove, name="attachment-remove"
    ),
    path("plans/<int:plan_id>/tasks/<int:number>/", views.task, name="task"),
    path("plans/<int:plan_id>/tasks/<int:number>/report/", views.report_save, name="report-save"),
    path(
        "plans/<int:plan_id>/tasks/<int:number>/instructions/",
        views.instruction_new,
        name="instruction-new",
    ),
    path("plans/<int:plan_id>/tasks/<int:number>/requests/", views.request_new, name="request-new"),
    path("plans/<int:plan_id>/tasks/<int:number>/close/", views.task_close, name="task-close"),
    path(
        "plans/<int:plan_id>/tasks/<int:number>/status/",
        views.confirm_status,
        name="confirm-status",
    ),
    path(
        "plans/<int:plan_id>/tasks/<int:number>/adjustments/",
        views.adjustment_new,
        name="adjustment-new",
    ),
    path("reports/<int:report_id>/<str:action>/", views.report_action, name="report-action"),
    path(
        "instructions/<int:instruction_id>/answer/",
        views.instruction_answer,
        name="instruction-answer",
    ),
    path("requests/<int:request_id>/decide/", views.request_decide, name="request-decide"),
    path(
        "plans/<int:plan_id>/tasks/<int:number>/milestones/",
        milestone_views.add,
        name="milestone-add",
    ),
    path(
        "plans/<int:plan_id>/tasks/<int:number>/milestones/read/",
        milestone_views.read_task,
        name="milestone-read",
    ),
    path(
        "plans/<int:plan_id>/milestones/read/",
        milestone_views.read_plan,
        name="plan-milestones-read",
    ),
    path("milestones/<int:milestone_id>/", milestone_views.change, name="milestone-change"),
    path("channels/", remind_views.channel_list, name="channels"),
    path("channels/add/", remind_views.channel_add, name="channel-add"),
    path("channels/<int:channel_id>/remove/", remind_views.channel_remove, name="channel-remove"),
    path("remind/", remind_views.remind_selected, name="remind-selected"),
    path("plans/<int:plan_id>/ledger.xlsx", ledger_views.ledger_xlsx, name="ledger"),
    path("plans/<int:plan_id>/bulletin.docx", ledger_views.bulletin_docx, name="bulletin"),
]
