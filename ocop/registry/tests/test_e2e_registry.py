"""Browser journeys in the system Chromium: officers see their scope, edit, and see the history."""

import pytest

from ocop.core.testing import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    page.goto("/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-test-123")
    page.click("button[type=submit]")


def test_province_officer_searches_edits_and_sees_history(page, world):
    officer = world.users["province_ld"]
    _login(page, officer.username)
    page.click("text=Chủ thể")
    body = page.text_content("#results")
    assert world.producers["dak_mil"].name in body
    assert world.producers["dak_glei"].name not in body  # another province

    # Accent-free typing narrows the list (htmx refreshes the rows).
    page.fill("input[name=q]", "hop tac xa")
    page.wait_for_timeout(600)
    assert world.producers["bao_loc"].name in page.text_content("#results")

    page.click(f"text={world.producers['dak_mil'].name}")
    page.click("text=Sửa thông tin")
    page.fill("input[name=phone]", "0263 3822 111")
    page.fill("input[name=reason]", "Cập nhật điện thoại theo đề nghị của HTX")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu thay đổi.")
    history = page.text_content("table.history")
    assert "Cập nhật điện thoại theo đề nghị của HTX" in history
    assert "0263 3822 111" in history


def test_producer_account_sees_only_its_own(page, world):
    _login(page, world.users["producer_dak_mil"].username)
    page.goto("/san-pham/")
    body = page.text_content("#results")
    assert world.products["dak_mil"].name in body
    assert world.products["bao_loc"].name not in body
    response = page.goto(world.producers["bao_loc"].get_absolute_url())
    assert response.status == 404


def test_commune_officer_registers_a_producer(page, world):
    officer = make_user(role="commune", scope_unit=world.map.communes["bao_loc"])
    _login(page, officer.username)
    page.goto("/chu-the/them/")
    page.select_option("select[name=province]", str(world.map.lam_dong.pk))
    page.wait_for_selector(
        f"select[name=commune] option[value='{world.map.communes['bao_loc'].pk}']", state="attached"
    )
    page.select_option("select[name=commune]", str(world.map.communes["bao_loc"].pk))
    page.fill("input[name=name]", "Tổ hợp tác Dâu tằm tơ Bảo Lộc")
    page.select_option("select[name=kind]", "tht")
    page.fill("input[name=registration_code]", "THT-0421")
    page.fill("input[name=legal_rep_name]", "K'Điệp")
    page.select_option("select[name=legal_rep_gender]", "nu")
    page.fill("input[name=legal_rep_ethnicity]", "Cơ Ho")
    page.fill("input[name=address]", "Thôn 3")
    page.fill("input[name=workforce_total]", "12")
    page.fill("input[name=workforce_local]", "20")
    page.click("button:has-text('Lưu')")
    assert "không được lớn hơn tổng số lao động" in page.text_content("form.form")
    page.fill("input[name=workforce_local]", "10")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã đăng ký chủ thể")
    assert "Cơ Ho" in page.text_content("dl.facts")
