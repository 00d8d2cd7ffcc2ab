"""A long work report holds several lists: the preview shows them all and imports the one
the office chooses."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.plans.models import PendingUpload, Plan
from tests.documents.test_real_lists import REAL


def _preview(client, name: str):  # type: ignore[no-untyped-def]
    data = (REAL / name).read_bytes()
    response = client.post(reverse("plans:upload"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return response["Location"]


def _import(client, government: str, **sent):  # type: ignore[no-untyped-def]
    """Upload (a file or a text), read the preview, import: the preview page and the plan."""
    preview = client.post(reverse("plans:upload"), sent)["Location"]
    page = client.get(preview).content.decode()
    client.post(reverse("plans:confirm", args=[PendingUpload.objects.get().id]))
    return page, Plan.objects.get(government=government)


def test_preview_lists_every_list_and_imports_the_chosen_one(office_client) -> None:
    url = _preview(office_client, "jingdezhen_2016_done.txt")
    page = office_client.get(url).content.decode()
    # Both lists are offered; the completion list is the default.
    assert "重点为民办好10件实事" in page and "2015年市政府为民办10件实事完成情况" in page
    assert 'href="?list=1"' in page and '<strong aria-current="true">' in page
    assert '<input type="hidden" name="list" value="2">' in page
    plan_page = office_client.get(url + "?list=1").content.decode()
    assert "发放小额贷款4.3亿元" in plan_page
    assert '<input type="hidden" name="list" value="1">' in plan_page
    pending = PendingUpload.objects.get()
    office_client.post(reverse("plans:confirm", args=[pending.id]), {"list": "1"})
    plan = Plan.objects.get(government__in=["景德镇市人民政府", "成都市人民政府"])
    assert plan.year == 2016 and plan.tasks.count() == 10
    assert plan.tasks.get(number=1).content == "发放小额贷款4.3亿元，为2570个公益性岗位发放补贴。"


def test_completion_list_with_restarting_numbers_imports_every_row(office_client) -> None:
    url = _preview(office_client, "jingdezhen_2016_done.txt")
    office_client.get(url)
    pending = PendingUpload.objects.get()
    office_client.post(reverse("plans:confirm", args=[pending.id]), {"list": "2"})
    plan = Plan.objects.get(government__in=["景德镇市人民政府", "成都市人民政府"])
    assert plan.year == 2015
    assert sorted(plan.tasks.values_list("number", flat=True)) == list(range(1, 11))


def test_report_lead_units_reach_the_plan(office_client) -> None:
    url = _preview(office_client, "chengdu_2021_plan.txt")
    page = office_client.get(url).content.decode()
    assert "四个城市：" not in page  # the glossary is not offered as tasks
    pending = PendingUpload.objects.get()
    office_client.post(reverse("plans:confirm", args=[pending.id]))
    plan = Plan.objects.get(government__in=["景德镇市人民政府", "成都市人民政府"])
    assert plan.tasks.count() == 72
    first = plan.tasks.get(number=1)
    assert [a.unit.name for a in first.assignments.filter(role="lead")] == ["市住建局"]


def test_the_readers_warnings_and_errors_speak_chinese(office_client) -> None:
    # 云南 2004 states 8 items and prints 9 clauses: the warning, in the page's language.
    page = office_client.get(_preview(office_client, "yunnan_2004_done.txt")).content.decode()
    assert "分句比原文写明的件数多一句；第 7 项由两个都说到“农村、万人、人口”的分句合成" in page
    assert "clause" not in page
    pdf = SimpleUploadedFile("report.txt", b"%PDF-1.7\n" + b"x" * 100)  # a PDF, renamed
    preview = office_client.post(reverse("plans:upload"), {"file": pdf})["Location"]
    refused = office_client.get(preview, follow=True).content.decode()
    assert "无法读取这份 PDF：文件可能已损坏" in refused and "damaged" not in refused


def test_the_command_line_keeps_the_english_messages() -> None:
    from duban.documents import ParseError, parse_bytes

    try:
        parse_bytes(b"%PDF-1.7\n", "report.pdf")
    except ParseError as exc:
        assert str(exc) == "a PDF that cannot be read: it may be damaged"
    else:
        raise AssertionError("a PDF was read")


def test_chengdu_2023_imports_through_the_preview(office_client) -> None:
    # The whole report: 86 民生实事 items, each "（牵头单位：…）", then a 名词解释 glossary.
    from tests.documents.test_real_lists import REAL as _real

    data = (_real.parent / "reports" / "chengdu_2023.md").read_bytes()
    response = office_client.post(
        reverse("plans:upload"), {"file": SimpleUploadedFile("chengdu_2023.md", data)}
    )
    page = office_client.get(response["Location"]).content.decode()
    assert "成都市2023年民生实事工作目标" in page and "title:" not in page
    assert "两拆一增" not in page  # the glossary is not a list of tasks
    # A plan list shows the targets read, not an empty completion; no reader's code words.
    assert "读出的目标" in page and "停车场30个" in page and "全年完成情况" not in page
    meta = page.split('<p class="meta">')[1].split("</p>")[0]
    assert "预览：chengdu_2023.md" in page and meta.startswith("成都市人民政府 · 2023 · 文本")
    assert "paragraphs" not in meta and "utf-8" not in meta
    pending = PendingUpload.objects.get()
    office_client.post(reverse("plans:confirm", args=[pending.id]))
    plan = Plan.objects.get(government="成都市人民政府", year=2023)
    assert plan.title == "成都市2023年民生实事工作目标" and plan.tasks.count() == 86
    first = plan.tasks.get(number=1)
    assert first.content.startswith("推进轨道交通加速成网")
    assert [a.unit.name for a in first.assignments.all()] == ["市住建局"]
    assert not plan.tasks.filter(assignments__isnull=True).exists()


@pytest.mark.django_db
def test_a_printed_deadline_dates_the_new_task() -> None:
    from duban.plans.importing import import_bytes

    table = (
        "2024年重点工作\n序号,任务,牵头单位,完成时限\n1,建设公园3个,区园林局,6月底\n"
        "2,新增学位500个,区教委,长期坚持\n"
    )
    result = import_bytes(table.encode(), "plan.csv", government="某区人民政府")
    park, school = result.plan.tasks.order_by("number")
    assert str(park.deadline) == f"{result.plan.year}-06-30" and school.deadline is None


def test_a_word_report_offers_its_task_table_and_its_list(office_client) -> None:
    from tests.word import word_file

    snippet = REAL.parent / "snippets" / "nanjing_2013_l107-127.md"
    data = word_file("附件1 重点工作任务", snippet.read_text(encoding="utf-8").split("\n"))
    response = office_client.post(
        reverse("plans:upload"), {"file": SimpleUploadedFile("report.docx", data)}
    )
    page = office_client.get(response["Location"]).content.decode()
    assert "任务表格" in page and "着重推进民生实事项目" in page  # both offered, the table chosen
    assert 'href="?list=2"' in page and '<input type="hidden" name="list" value="1">' in page


def test_a_report_pasted_out_of_its_pdf_imports_as_the_report_does(office_client) -> None:
    from tests.shape_writers import pdf_copy

    text = pdf_copy((REAL / "chengdu_2021_plan.txt").read_text("utf-8"))
    upload = SimpleUploadedFile("成都2021.txt", text.encode("utf-8"))
    page, plan = _import(office_client, "成都市人民政府", file=upload)
    assert "72" in page
    assert plan.year == 2021 and plan.tasks.count() == 72
    first = plan.tasks.get(number=1)
    assert first.content.startswith("推动轨道交通加速成网，续建地铁10号线三期")
    assert "\n" not in first.content and "—" not in first.content
    assert [a.unit.name for a in first.assignments.all()] == ["市住建局"]


def test_a_pasted_text_is_read_as_an_uploaded_one(office_client) -> None:
    from tests.shape_writers import pdf_copy

    text = pdf_copy((REAL / "kunming_2021_plan.txt").read_text("utf-8"))
    page, plan = _import(office_client, "昆明市人民政府", text=text)
    assert "粘贴的文本.txt" in page and "继续加大扶贫小额到户贷款扶持力度" in page
    assert plan.tasks.count() == 10


def test_a_paste_and_a_file_together_or_neither_are_refused_keeping_the_text(
    office_client,
) -> None:
    page = office_client.post(reverse("plans:upload"), {"text": "  \n"}).content.decode()
    assert "请选择文件，或在下方粘贴报告的文字。" in page
    both = {"text": "今年办好十件实事：", "file": SimpleUploadedFile("a.txt", b"1")}
    page = office_client.post(reverse("plans:upload"), both).content.decode()
    assert "请上传文件或粘贴文字，二者选一。" in page and "今年办好十件实事：" in page
    assert not PendingUpload.objects.exists()


def test_a_report_published_as_pdf_imports_through_the_preview(office_client) -> None:
    from tests.documents.test_pdf import _list_part, as_pdf

    pdf = SimpleUploadedFile("昆明2021.pdf", as_pdf(_list_part("kunming_2021_plan")))
    page, plan = _import(office_client, "昆明市人民政府", file=pdf)
    assert "PDF 文件" in page and "开展公共法律服务工作" in page
    assert plan.tasks.count() == 10
    task = plan.tasks.get(number=7)
    assert [a.unit.name for a in task.assignments.filter(role="lead")] == ["市司法局"]


def test_a_paste_over_the_request_limit_is_told_in_chinese_to_upload_a_file(office_client) -> None:
    text = "今年办好十件实事：" * 300_000  # 8 MB of UTF-8, over DATA_UPLOAD_MAX_MEMORY_SIZE
    response = office_client.post(reverse("plans:upload"), {"text": text})
    page = response.content.decode()
    assert response.status_code == 400
    assert "无法处理此次提交" in page and "请改为以文件上传" in page and "Bad Request" not in page
    assert not PendingUpload.objects.exists()


def test_a_pasted_text_that_cannot_be_read_comes_back_in_the_form(office_client) -> None:
    text = "今年要做好以下工作：一是加强学习；二是改进作风。"
    sent = {"text": text, "government": "某某区人民政府"}
    preview = office_client.post(reverse("plans:upload"), sent)["Location"]
    back = office_client.get(preview)
    assert back.status_code == 302 and "?again=" in back["Location"]
    for _ in range(2):  # and after a refresh
        page = office_client.get(back["Location"]).content.decode()
        assert text in page and 'value="某某区人民政府"' in page
        if _ == 0:  # the message says what could not be read: the text, not a file
            assert "无法读取粘贴的文本" in page and "无法读取该文件" not in page
    other = office_client.get(back["Location"].split("?")[0] + "?again=not-an-id")
    assert other.status_code == 200 and text not in other.content.decode()


def test_a_list_of_thousands_of_rows_shows_the_first_thousand_and_imports_all(
    office_client,
) -> None:
    # A paragraph of ten 实事 pasted 150 times (金昌 2019): 1,500 rows; the page shows 1,000,
    # says so and that they repeat, and the import takes them all.
    from tests.documents.test_locate import SNIPPETS

    paragraph = (SNIPPETS / "jinchang_2019_l115.txt").read_text("utf-8").strip()
    text = "# 2019年金昌市政府工作报告\n\n" + "\n\n".join([paragraph] * 150) + "\n"
    upload = SimpleUploadedFile("pasted.txt", text.encode())
    preview = office_client.post(
        reverse("plans:upload"), {"file": upload, "government": "金昌市人民政府"}
    )["Location"]
    page = office_client.get(preview).content.decode()
    assert "此处只显示前 1,000 行" in page and "一字不差" in page
    assert page.count('<th scope="row" data-label=') == 1000
    office_client.post(reverse("plans:confirm", args=[PendingUpload.objects.get().id]))
    assert Plan.objects.get(government="金昌市人民政府").tasks.count() == 1500
