"""The pairing review shows each completion item whole: the task it was, above what it
reports, and the group its number restarts in (景德镇 2016: "7件已完成：（1）…（7）",
"3件正在办理：（1）开工建设1座老城区跨江大桥（签订了…）")."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.plans.models import PendingUpload, Plan
from tests.documents.test_real_lists import REAL


def test_items_in_restarting_groups_show_their_group_and_their_task(office_client) -> None:
    data = (REAL / "jingdezhen_2016_done.txt").read_bytes()
    upload = reverse("plans:upload")
    office_client.post(upload, {"file": SimpleUploadedFile("plan.txt", data)})
    office_client.post(
        reverse("plans:confirm", args=[PendingUpload.objects.get().id]), {"list": "1"}
    )
    plan = Plan.objects.get(government="景德镇市人民政府", year=2016)
    office_client.post(upload, {"file": SimpleUploadedFile("done.txt", data)})
    pending = PendingUpload.objects.get()
    url = reverse("completions:review", args=[pending.id])
    page = office_client.get(url, {"plan": plan.pk, "list": "2"}).content.decode()
    assert "<strong>开工建设1座老城区跨江大桥</strong><br>签订了瓷都廊桥建设框架协议" in page
    assert page.count('<span class="meta">3件正在办理</span>') == 3
    assert page.count('<span class="meta">7件已完成</span>') == 7
    assert page.count('data-label="得分"') == 10  # the phone's cards name their fields
