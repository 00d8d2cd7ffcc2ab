from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompletionsConfig(AppConfig):
    name = "duban.completions"
    verbose_name = _("Completion reports")

    def ready(self) -> None:
        from . import signals  # noqa: F401
