from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/new/", views.person_new, name="person-new"),
    path("people/<int:account_id>/", views.person_edit, name="person-edit"),
    path("people/<int:account_id>/password/", views.person_password, name="person-password"),
    path("people/<int:account_id>/active/", views.person_active, name="person-active"),
    path("leaders/", views.leaders, name="leaders"),
]
