"""The office's units, accounts and leaders in Chromium, without the Django admin: a unit
added, renamed with its short form, a reporter added for it who logs in with the one-time
password, the password reset, the account deactivated, a leader added; Chinese only."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_manages_units_accounts_and_leaders(live_server, browser, transactional_db):
    from duban.accounts.models import User
    from duban.plans.models import Unit

    cast()
    base = live_server.url
    office = login(browser, base, "office")
    office.get_by_role("link", name="单位", exact=True).click()
    office.get_by_label("添加单位").fill("区数据局")
    office.get_by_role("button", name="添加", exact=True).click()
    office.wait_for_selector("text=已添加单位“区数据局”。")
    office.get_by_label("名称", exact=True).fill("区政务服务和数据管理局")
    office.get_by_label("别称").fill("区数据局、区政数局")
    office.get_by_role("button", name="保存单位").click()
    office.wait_for_selector("text=单位已保存。")
    unit = Unit.objects.get(name="区政务服务和数据管理局")
    assert unit.aliases == ["区数据局", "区政数局"]
    assert english_words(office) == []
    shots(office, "office-unit")

    office.get_by_role("link", name="单位", exact=True).click()
    office.get_by_label("名称或别称").fill("政数")
    office.get_by_role("button", name="搜索").click()
    assert office.locator("table.units-table tbody tr").count() == 1
    assert english_words(office) == []
    shots(office, "office-units")

    office.get_by_role("link", name="区政务服务和数据管理局").click()
    office.get_by_role("link", name="为本单位添加承办人或单位负责人").click()
    office.get_by_label("用户名").fill("Office")  # taken (in another case)
    office.get_by_label("姓名").fill("钱七")
    office.get_by_label("电子邮箱").fill("qian@example.org")
    office.get_by_role("button", name="添加账号").click()
    # refused: what was typed stays, and the field says why in Chinese
    office.wait_for_selector(".field.invalid >> text=这个用户名已被使用。")
    assert office.get_by_label("姓名").input_value() == "钱七"
    assert office.get_by_label("单位").input_value() == str(unit.pk)
    assert english_words(office) == []
    shots(office, "office-account-refused")
    office.get_by_label("用户名").fill("shuju")
    office.get_by_role("button", name="添加账号").click()
    office.wait_for_selector("text=账号已添加")
    password = office.locator("#one-time-password").inner_text()
    assert [w for w in english_words(office) if w not in password] == []
    shots(office, "office-one-time-password")
    assert User.objects.get(username="shuju").unit == unit

    newcomer = browser.new_context(locale="zh-CN").new_page()
    newcomer.goto(f"{base}/login/")
    newcomer.get_by_label("用户名").fill("shuju")
    newcomer.get_by_label("密码").fill(password)
    newcomer.get_by_label("密码").press("Enter")
    # The one-time password opens nothing but the page that changes it.
    newcomer.wait_for_url(f"{base}/password/?next=/work/")
    newcomer.goto(f"{base}/work/")
    newcomer.wait_for_url(f"{base}/password/?next=/work/")
    assert "一次性密码" in newcomer.inner_text("main")
    newcomer.get_by_label("督查室给您的一次性密码").fill(password)
    newcomer.get_by_label("新密码", exact=True).fill("12345678")
    newcomer.get_by_label("新密码确认").fill("12345678")
    newcomer.get_by_role("button", name="修改密码").click()
    newcomer.wait_for_selector("text=密码只包含数字")  # Django's validators, in Chinese
    newcomer.get_by_label("督查室给您的一次性密码").fill(password)
    newcomer.get_by_label("新密码", exact=True).fill("shuju-own-password-2024")
    newcomer.get_by_label("新密码确认").fill("shuju-own-password-2024")
    assert english_words(newcomer) == []
    shots(newcomer, "reporter-password-change")
    newcomer.get_by_role("button", name="修改密码").click()
    newcomer.wait_for_url(f"{base}/work/")  # back where the login was going
    assert "区政务服务和数据管理局" in newcomer.inner_text("main")
    assert english_words(newcomer) == []
    newcomer.context.close()

    office.get_by_role("link", name="返回账号").click()
    office.get_by_role("button", name="停用账号").click()
    office.wait_for_selector("text=账号已停用，不能再登录。")
    assert not User.objects.get(username="shuju").is_active
    assert english_words(office) == []
    shots(office, "office-account")

    office.get_by_role("link", name="区领导", exact=True).click()
    office.get_by_role("link", name="添加区领导").first.click()
    office.get_by_label("用户名").fill("lizhang")
    office.get_by_label("姓名").fill("李副区长")
    office.get_by_role("button", name="添加账号").click()
    office.wait_for_selector("text=账号已添加")
    office.get_by_role("link", name="全部账号").click()
    office.get_by_label("角色").select_option("leader")
    office.get_by_role("button", name="搜索").click()
    assert "李副区长" in office.inner_text("main")
    assert english_words(office) == []
    shots(office, "office-accounts")
    office.goto(f"{base}/office/leaders/")
    assert "李副区长" in office.inner_text("main") and "王区长" in office.inner_text("main")
    assert english_words(office) == []
    shots(office, "office-leaders")
