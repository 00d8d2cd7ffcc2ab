"""Where staff read a reminder: the group robots of WeCom (企业微信) and DingTalk (钉钉).

Both take a JSON POST to the robot's webhook and answer {"errcode": 0, ...}. DingTalk's
robots with the 加签 security setting also want `timestamp` (ms) and `sign` in the query:
base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}")), URL-encoded. The webhook
address must be one of the services' own (DUBAN_WEBHOOK_HOSTS): the server posts to it, so an
address the office typed must not reach anything else on the network.

The office configures a unit's robots (save_channel, remove_channel); `post` delivers one
message and raises DeliveryError when it did not go.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.audit.log import log_action
from duban.plans.access import is_office, require
from duban.plans.models import Unit

from .models import Channel

TIMEOUT = 10


class DeliveryError(Exception):
    pass


def allowed(kind: str, url: str) -> bool:
    starts = settings.DUBAN_WEBHOOK_HOSTS.get(kind, [])
    return any(url.startswith(s) for s in starts)


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's signature of a request, as its 自定义机器人 安全设置 (加签) defines it."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def _payload(kind: str, title: str, text: str) -> dict[str, object]:
    if kind == Channel.Kind.DINGTALK:
        return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
    return {"msgtype": "markdown", "markdown": {"content": text}}


def post(channel: Channel, title: str, text: str) -> None:
    """Post one message to the robot; DeliveryError when it did not take it."""
    url = channel.url
    if not allowed(channel.kind, url):
        raise DeliveryError("webhook address not allowed")
    if channel.kind == Channel.Kind.DINGTALK and channel.secret:
        ts = int(time.time() * 1000)
        sign = dingtalk_sign(channel.secret, ts)
        url += ("&" if "?" in url else "?") + f"timestamp={ts}&sign={sign}"
    body = json.dumps(_payload(channel.kind, title, text), ensure_ascii=False).encode()
    # The address is checked against the services' own hosts above (https, or a test's).
    request = urllib.request.Request(  # noqa: S310
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            answer = json.loads(response.read() or b"{}")
    except (OSError, ValueError) as exc:
        raise DeliveryError(str(exc)[:300]) from exc
    if answer.get("errcode", 0) != 0:
        raise DeliveryError(f"{answer.get('errcode')}: {answer.get('errmsg', '')}"[:300])


def save_channel(user: User, unit: Unit, kind: str, url: str, secret: str = "") -> Channel:
    """The office adds a robot to a unit."""
    require(is_office(user), _("Only the supervision office configures reminder channels."))
    url, secret = url.strip(), secret.strip()
    if kind not in Channel.Kind.values:
        raise ValidationError({"kind": _("Choose WeCom or DingTalk.")})
    if not allowed(kind, url):
        raise ValidationError(
            {
                "url": _(
                    "Paste the robot's webhook address as the group settings show it "
                    "(https://qyapi.weixin.qq.com/… or https://oapi.dingtalk.com/…)."
                )
            }
        )
    try:
        with transaction.atomic():
            channel = Channel.objects.create(unit=unit, kind=kind, url=url, secret=secret)
            log_action(
                "duban.channel.saved",
                user,
                channel,
                {"unit": unit.pk, "kind": kind, "signed": bool(secret)},
            )
    except IntegrityError:
        raise ValidationError({"url": _("This unit has this robot already.")}) from None
    return channel


def remove_channel(user: User, channel: Channel) -> None:
    require(is_office(user), _("Only the supervision office configures reminder channels."))
    with transaction.atomic():
        log_action(
            "duban.channel.removed", user, channel, {"unit": channel.unit_id, "kind": channel.kind}
        )
        channel.delete()
