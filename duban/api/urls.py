from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import permissions
from rest_framework.routers import APIRootView, DefaultRouter

from . import views


class PublicRoot(APIRootView):
    """The list of endpoints: anyone may read it (the public ones answer without a token)."""

    permission_classes = [permissions.AllowAny]


class Router(DefaultRouter):
    APIRootView = PublicRoot


router = Router()
router.register("units", views.UnitViewSet, basename="unit")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("categories", views.CategoryViewSet, basename="category")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("adjustments", views.AdjustmentViewSet, basename="adjustment")
router.register("reports", views.ReportViewSet, basename="report")
router.register("instructions", views.InstructionViewSet, basename="instruction")
router.register("requests", views.RequestViewSet, basename="request")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("imports/", views.ImportView.as_view(), name="imports"),
    path("", include(router.urls)),
]
