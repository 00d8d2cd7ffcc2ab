from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "duban.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        checks.register(proxy_is_named, checks.Tags.security, deploy=True)


def proxy_is_named(**kwargs: Any) -> list[checks.CheckMessage]:
    """Production runs behind a reverse proxy (docs/deployment.md). Unnamed, its address is
    every visitor's: 30 failed logins from anyone would refuse logins to everyone."""
    if settings.PRODUCTION and not settings.DUBAN_TRUSTED_PROXIES:
        return [
            checks.Warning(
                "DUBAN_TRUSTED_PROXIES is empty: login limits count every visitor as the "
                "connecting address.",
                hint="Set DUBAN_TRUSTED_PROXIES to the reverse proxy's address(es), or silence "
                "duban.W001 when duban is reached directly.",
                id="duban.W001",
            )
        ]
    return []
