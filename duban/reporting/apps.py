from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "duban.reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from . import signals  # noqa: F401
