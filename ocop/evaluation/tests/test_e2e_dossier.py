"""Browser journey in Chromium: a producer prepares and submits a dossier; the commune receives it."""

import os

import pytest

from ocop.evaluation.models import Dossier
from ocop.evaluation.services.rubrics import rubric_current

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("OCOP_E2E_SCREENSHOTS")  # a directory to keep screenshots in, when set


def _login(page, username):
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-test-123")
    page.click("button[type=submit]")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_producer_prepares_and_submits_then_the_commune_receives(page, eval_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product = eval_world.products["dak_mil_rau"]  # set 1: fresh produce
    _login(page, eval_world.users["producer_dak_mil"].username)
    page.click("nav.mainnav >> text=Hồ sơ đánh giá")
    page.click("text=Lập hồ sơ")
    page.locator("tr", has_text=product.name).locator("button:has-text('Lập hồ sơ')").click()
    page.wait_for_selector("text=Đã lập hồ sơ")
    dossier = Dossier.objects.get(product=product)

    page.click("text=Sửa phiếu đăng ký (Mẫu 01)")
    page.fill("input[name=phone]", "0261 3777 888")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu phiếu đăng ký.")

    page.click("text=Tự đánh giá và minh chứng (Mẫu 02)")
    sheet = rubric_current(product_set_number=1).sheet
    criteria = [
        c for c in sheet.criteria() if not (c.condition == "story_exists" and not dossier.story_exists)
    ]
    # The first criterion saves on change (htmx) and the running total follows.
    first = criteria[0]
    best = max(range(len(first.options)), key=lambda i: first.options[i].points)
    page.check(f"input[name='c-{first.code}'][value='{best}']")
    page.wait_for_selector(f"#status-tieu-chi-{first.code.replace('.', '-')} >> text=Đã chọn")
    assert f"<strong>{first.options[best].points}</strong>/100" in page.inner_html("#total")

    # Evidence attached to criterion 1.5 (a contract), with a wrong file first.
    anchor = "tieu-chi-1-5"
    page.fill(f"input[form='ev-{anchor}'][name=title]", "Hợp đồng bao tiêu")
    page.set_input_files(f"input[form='ev-{anchor}'][name=file]", files=[
        {"name": "hop-dong.txt", "mimeType": "text/plain", "buffer": b"not allowed"}])  # fmt: skip
    page.click(f"button[form='ev-{anchor}']")
    page.wait_for_selector("text=chỉ nhận PDF, JPG, PNG, DOCX hoặc XLSX")
    page.fill(f"input[form='ev-{anchor}'][name=title]", "Hợp đồng bao tiêu")
    page.set_input_files(f"input[form='ev-{anchor}'][name=file]", files=[
        {"name": "hop-dong.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 hop dong"}])  # fmt: skip
    page.click(f"button[form='ev-{anchor}']")
    page.wait_for_selector("text=Đã tải lên “Hợp đồng bao tiêu”.")

    # Submitting with criteria left blank names them.
    page.click("button[value=submit]")
    page.wait_for_selector("text=chưa tự đánh giá")
    page.click("text=Tự đánh giá và minh chứng (Mẫu 02)")
    for criterion in criteria[1:]:
        index = max(range(len(criterion.options)), key=lambda i: criterion.options[i].points)
        page.check(f"input[name='c-{criterion.code}'][value='{index}']")
    page.wait_for_timeout(300)
    _shot(page, "1-self-assessment")
    page.click("button[value=submit]")
    page.wait_for_selector("text=Đã thực hiện: Nộp hồ sơ.")
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
    assert dossier.registration_number in page.text_content("h1")
    assert "Nộp hồ sơ" in page.text_content("table.timeline")
    _shot(page, "2-submitted")

    # The commune officer finds it in the queue and receives it.
    _login(page, eval_world.users["commune_dak_mil"].username)
    page.click("nav.mainnav >> text=Hồ sơ đánh giá")
    assert dossier.registration_number in page.text_content("table.queue")
    _shot(page, "3-commune-queue")
    page.click(f"text={dossier.registration_number}")
    page.click("button:has-text('Xã tiếp nhận hồ sơ')")
    page.wait_for_selector("text=Đã thực hiện: Xã tiếp nhận hồ sơ.")
    dossier.refresh_from_db()
    assert dossier.status == "commune_review"
    assert "còn 15 ngày làm việc" in page.text_content("dl.facts")
    page.click("text=Báo cáo đánh giá của xã (Mẫu 03)")
    page.fill("textarea[name=local_materials]", "100% bơ trồng tại xã")
    page.click("button:has-text('Lưu nháp')")
    page.wait_for_selector("text=Đã lưu nháp báo cáo Mẫu 03.")
    _shot(page, "4-mau-03")
    dossier.refresh_from_db()
    assert dossier.commune_assessment["local_materials"] == "100% bơ trồng tại xã"
