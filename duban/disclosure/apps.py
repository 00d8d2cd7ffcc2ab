from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "duban.disclosure"
    verbose_name = _("Disclosure")

    def ready(self) -> None:
        from . import (
            page_cache,  # noqa: F401 - connects the invalidation signals
            receivers,  # noqa: F401 - publishes what an import says is public
        )
