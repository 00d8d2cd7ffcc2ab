"""What the office meets on the upload screens besides a good report (issue 13, walked in
Chromium): files of the wrong kind, a document that names no government or year, a table
with no completion, an import clicked twice, a re-import refused — all said in Chinese."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.plans.models import PendingUpload, Plan
from tests.documents.test_real_lists import REAL
from tests.word import word_file


def _upload(client, name: str, data: bytes, **fields):  # type: ignore[no-untyped-def]
    return client.post(reverse("plans:upload"), {"file": SimpleUploadedFile(name, data), **fields})


def test_an_old_office_file_or_a_broken_pdf_is_told_what_to_upload_instead(office_client) -> None:
    xls = _upload(office_client, "报告.xls", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    assert "请另存为 .xlsx 或 .docx" in xls.content.decode()
    pdf = _upload(office_client, "报告.pdf", b"%PDF-1.4\n%%EOF\n")
    refused = office_client.get(pdf["Location"], follow=True).content.decode()
    assert "无法读取这份 PDF：文件可能已损坏" in refused
    other = _upload(office_client, "picture.png", b"\x89PNG\r\n\x1a\n").content.decode()
    assert ".txt、.htm、" in other and ".txt, " not in other
    assert not PendingUpload.objects.exists()


def test_a_table_without_completion_previews_its_targets_and_says_what_is_missing(
    office_client,
) -> None:
    response = _upload(office_client, "report.docx", word_file())
    page = office_client.get(response["Location"]).content.decode()
    assert "新建公办幼儿园10所" in page and "读出的目标" in page
    assert "全年完成情况" not in page and "持续推进" not in page  # no status for a plan
    assert "未写明政府" in page and "未写明年度" in page and "? · ?" not in page
    assert 'data-label="牵头单位"' in page  # the phone's cards name their fields


def test_an_import_that_cannot_be_made_says_why_in_chinese(office_client) -> None:
    _upload(office_client, "report.docx", word_file())
    pending = PendingUpload.objects.get()
    page = office_client.post(reverse("plans:confirm", args=[pending.id]), follow=True)
    text = page.content.decode()
    assert "填写“政府”一栏" in text and "--government" not in text
    _upload(office_client, "report.docx", word_file(), government="南京市人民政府")
    pending = PendingUpload.objects.latest("created_at")
    text = office_client.post(reverse("plans:confirm", args=[pending.id]), follow=True)
    assert "没有写明年度" in text.content.decode()
    assert "does not give its year" not in text.content.decode()
    assert not Plan.objects.filter(government="南京市人民政府").exists()


def test_the_office_gives_the_year_a_document_does_not(office_client) -> None:
    response = _upload(office_client, "report.docx", word_file(), government="南京市人民政府")
    page = office_client.get(response["Location"]).content.decode()
    assert 'name="year"' in page and "请在表格下方填写" in page and "行号按段落计" in page
    # Not "would be refused": the year below the table is what lets it go ahead.
    assert "请在表格下方填写计划年份，即可导入" in page and "将被拒绝" not in page
    pending = PendingUpload.objects.get()
    refused = office_client.post(
        reverse("plans:confirm", args=[pending.id]), {"year": "0"}, follow=True
    )
    assert "年份须为 1949 至 2100 之间的数字" in refused.content.decode()
    assert not Plan.objects.filter(government="南京市人民政府").exists()
    office_client.post(reverse("plans:confirm", args=[pending.id]), {"year": "2024"})
    plan = Plan.objects.get(government="南京市人民政府")
    assert plan.year == 2024 and plan.tasks.count() == 2


def test_importing_twice_says_the_upload_was_imported(office_client) -> None:
    response = _upload(office_client, "k.txt", (REAL / "kunming_2021_plan.txt").read_bytes())
    preview = response["Location"]
    pending = PendingUpload.objects.get()
    first = office_client.post(reverse("plans:confirm", args=[pending.id]))
    assert first.status_code == 302
    again = office_client.post(reverse("plans:confirm", args=[pending.id]))
    assert again.status_code == 404 and "它已经导入" in again.content.decode()
    refreshed = office_client.get(preview)
    assert refreshed.status_code == 404 and "这份上传已不在了" in refreshed.content.decode()
    assert Plan.objects.get(government="昆明市人民政府").tasks.count() == 10


def test_a_refused_reimport_names_the_tasks_in_chinese(office_client) -> None:
    # 成都 2021 states no count: without its last item, nothing says a row was lost, and the
    # office worked on task 72, so the re-import is refused.
    text = (REAL / "chengdu_2021_plan.txt").read_text(encoding="utf-8")
    _upload(office_client, "c.txt", text.encode())
    office_client.post(reverse("plans:confirm", args=[PendingUpload.objects.get().id]))
    plan = Plan.objects.get(government="成都市人民政府")
    task = plan.tasks.get(number=72)
    task.status_note = "督查室核实中"  # the office worked on it
    task.save()
    lines = text.split("\n")
    last = next(i for i, line in enumerate(lines) if line.startswith("72."))
    shorter = "\n".join(lines[:last] + lines[last + 1 :])
    _upload(office_client, "c.txt", shorter.encode())
    pending = PendingUpload.objects.get()
    page = office_client.post(reverse("plans:confirm", args=[pending.id]), follow=True)
    body = page.content.decode()
    assert "文件中没有第 72 项任务" in body and "office edits" not in body
    assert plan.tasks.filter(number=72).exists()


def test_a_reimport_short_of_its_stated_count_keeps_the_task(office_client) -> None:
    # "10件惠民实事" with item 10 gone: a row may be lost, so task 10 is kept and the result
    # says so in Chinese (it was deleted, or the import refused when someone had worked on it).
    text = (REAL / "kunming_2021_plan.txt").read_text(encoding="utf-8")
    _upload(office_client, "k.txt", text.encode())
    office_client.post(reverse("plans:confirm", args=[PendingUpload.objects.get().id]))
    plan = Plan.objects.get(government="昆明市人民政府")
    start = text.index("10．优化农村供水")
    shorter = text[:start] + text[text.index("**附件2**", start) :]
    _upload(office_client, "k.txt", shorter.encode())
    pending = PendingUpload.objects.get()
    page = office_client.post(reverse("plans:confirm", args=[pending.id]), follow=True)
    body = page.content.decode()
    assert "第 10 项不在文件中，但予以保留" in body
    assert plan.tasks.filter(number=10).exists()


def test_the_preview_numbers_the_rows_as_the_import_does(office_client) -> None:
    """景德镇 2016: "7件已完成：（1）…（7）" then "3件正在办理：（1）…（3）" are tasks 1-10."""
    data = (REAL / "jingdezhen_2016_done.txt").read_bytes()
    page = office_client.get(_upload(office_client, "done.txt", data)["Location"]).content
    text = page.decode()
    assert (
        '">8<br><span class="meta">原序号 1</span></th><td data-label="重点督办内容">开工建设1座'
        in text
    )
    office_client.post(reverse("plans:confirm", args=[PendingUpload.objects.get().id]))
    plan = Plan.objects.get(government="景德镇市人民政府", year=2015)
    assert plan.tasks.get(number=8).content == "开工建设1座老城区跨江大桥"
