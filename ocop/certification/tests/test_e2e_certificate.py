"""Browser journey in Chromium: from a producer's dossier to a public certificate, expiring, expired, revoked.

A producer submits a dossier, the commune forwards it with Mẫu 03, the province takes it into a round and
sends it to a council of three, each member declares and scores, the chair concludes 4★, the province issues
the decision, and the public verification page (/xac-minh/<token>/) follows the certificate's life: valid,
expiring (time_machine), expired, and revoked by a province officer (the very next request shows it).
Only the accounts, the council seats and the bulk of the self-assessment and score sheets are set up
through the services; every step of the procedure is a click in the browser.
"""

import datetime as dt
import os
import zoneinfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.utils import timezone

from ocop.accounts.models import Role
from ocop.certification.domain import RevocationGround
from ocop.certification.models import Certificate
from ocop.core.testing import make_user, new_page
from ocop.evaluation import domain
from ocop.evaluation.models import Dossier, MemberRole
from ocop.evaluation.services.councils import council_member_add
from ocop.evaluation.services.rubrics import rubric_current
from ocop.evaluation.services.scoring import sheet_save
from ocop.evaluation.tests.conftest import eval_world, fill_self_scores, make_council, rubrics  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("OCOP_E2E_SCREENSHOTS")  # a directory to keep screenshots in, when set


def _login(browser, user):
    page = new_page(browser)
    page.goto("/dang-nhap/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-test-123")
    page.click("button[type=submit]")
    page.wait_for_selector("nav.mainnav")
    return page


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"cert-{name}.png"), full_page=True)


def _best(criterion) -> int:
    return max(range(len(criterion.options)), key=lambda i: (criterion.options[i].points, i))


def _worst(criterion) -> int:
    return min(range(len(criterion.options)), key=lambda i: (criterion.options[i].points, i))


def _four_star_choices(dossier):
    """Best option everywhere, then the lowest on unmarked criteria until the total is 70–89 (a 4★ band)
    with every minimum mark met (the cap stays ≥ 4★)."""
    rubric = dossier.rubric.sheet
    criteria = [c for c in rubric.criteria() if domain.is_applicable(c, story_exists=dossier.story_exists)]
    choices = {c.code: _best(c) for c in criteria}

    def total():
        return sum(c.options[choices[c.code]].points for c in criteria)

    for criterion in criteria:
        if total() <= 85:
            break
        if all(option.star is None for option in criterion.options):
            choices[criterion.code] = _worst(criterion)
    assert 70 <= total() < 90, total()
    assert domain.minimum_mark_cap(rubric, choices, story_exists=dossier.story_exists).max_star >= 4
    return criteria, choices, total()


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=zoneinfo.ZoneInfo(django_settings.TIME_ZONE))


def test_from_dossier_to_a_public_certificate_that_expires_and_is_revoked(
    browser,
    eval_world,  # noqa: F811 (the evaluation app's fixture, imported above)
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    users = eval_world.users
    product = eval_world.products["dak_mil_rau"]  # set 1, no product story (criterion 5.2 does not apply)
    round_ = eval_world.rounds["lam_dong"]
    province = users["province_ld"]
    # A council of three council accounts of the province (set up through the services).
    chair = make_user(role=Role.COUNCIL, scope_unit=eval_world.map.lam_dong, first_name="Chủ tịch")
    members = [make_user(role=Role.COUNCIL, scope_unit=eval_world.map.lam_dong) for _ in range(2)]
    council = make_council(round_, actor=province, chair=chair, name="Hội đồng OCOP tỉnh Lâm Đồng đợt 1")
    for member in members:
        council_member_add(actor=province, council=council, user=member, role=MemberRole.MEMBER)

    # 1. The producer creates the dossier, self-assesses (the bulk through the service) and submits.
    page = _login(browser, users["producer_dak_mil"])
    page.click("nav.mainnav >> text=Hồ sơ đánh giá")
    page.click("text=Lập hồ sơ")
    page.locator("tr", has_text=product.name).locator("button:has-text('Lập hồ sơ')").click()
    page.wait_for_selector("text=Đã lập hồ sơ")
    dossier = Dossier.objects.get(product=product)
    first = next(iter(rubric_current(product_set_number=1).sheet.criteria()))  # frozen on submission
    fill_self_scores(dossier, actor=users["producer_dak_mil"], choose={first.code: _worst(first)})
    page.click("text=Tự đánh giá và minh chứng (Mẫu 02)")
    page.check(f"input[name='c-{first.code}'][value='{_best(first)}']")
    page.wait_for_selector(f"#status-tieu-chi-{first.code.replace('.', '-')} >> text=Đã chọn")
    page.click("button[value=submit]")
    page.wait_for_selector("text=Đã thực hiện: Nộp hồ sơ.")
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
    assert dossier.self_scores.get(criterion_code=first.code).option_index == _best(first)
    page.context.close()

    # 2. The commune receives it, writes Mẫu 03 and forwards it to the province.
    page = _login(browser, users["commune_dak_mil"])
    page.click("nav.mainnav >> text=Hồ sơ đánh giá")
    page.click(f"text={dossier.registration_number}")
    page.click("button:has-text('Xã tiếp nhận hồ sơ')")
    page.wait_for_selector("text=Đã thực hiện: Xã tiếp nhận hồ sơ.")
    page.click("text=Báo cáo đánh giá của xã (Mẫu 03)")
    for name, text in {
        "local_materials": "100% bơ trồng tại xã Đắk Mil.",
        "local_labour": "12/15 lao động là người địa phương.",
        "idea_origin": "Ý tưởng của hợp tác xã.",
        "local_identity": "Giống bơ sáp bản địa.",
        "conclusion": "Đề nghị tỉnh đánh giá, phân hạng.",
    }.items():
        page.fill(f"textarea[name={name}]", text)
    page.click("button:has-text('Gửi tỉnh')")
    page.wait_for_selector("text=Đã thực hiện: Gửi tỉnh kèm báo cáo Mẫu 03.")
    dossier.refresh_from_db()
    assert dossier.status == "province_intake"
    page.context.close()

    # 3. The province takes it into the round, records the advisory report and sends it to the council.
    page = _login(browser, province)
    page.click("nav.mainnav >> text=Hồ sơ đánh giá")
    page.click(f"a:has-text('{dossier.registration_number}')")
    page.select_option("select[name=round]", str(round_.pk))
    page.click("button:has-text('Tiếp nhận, chuyển tổ tư vấn')")
    page.wait_for_selector("text=Đã thực hiện: Tiếp nhận, chuyển tổ tư vấn.")
    page.click("text=Báo cáo tổ tư vấn")
    page.fill("textarea[name=advisory_report]", "Hồ sơ đầy đủ; đề nghị chuyển hội đồng.")
    page.fill("textarea[name=field_visit_notes]", "Đã khảo sát vườn bơ ngày hôm qua.")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu báo cáo của tổ tư vấn.")
    page.select_option("select[name=council]", str(council.pk))
    page.click("button:has-text('Chuyển hội đồng chấm điểm')")
    page.wait_for_selector("text=Đã thực hiện: Chuyển hội đồng chấm điểm.")
    dossier.refresh_from_db()
    assert (dossier.status, dossier.council_id, dossier.round_id) == ("council", council.pk, round_.pk)
    _shot(page, "1-in-council")

    # 4. Each member declares no conflict and scores (the bulk through the service, one click, submit).
    criteria, choices, expected_total = _four_star_choices(dossier)
    clicked = criteria[0]
    pages = {}
    for user in (chair, *members):
        member_page = _login(browser, user)
        member_page.click("nav.mainnav >> text=Chấm điểm")
        row = member_page.locator("tr", has_text=dossier.registration_number)
        row.locator("a:has-text('Kê khai')").click()
        member_page.check("input[name=has_conflict][value=no]")
        member_page.click("button:has-text('Ghi nhận kê khai')")
        member_page.wait_for_selector("text=Đã ghi nhận kê khai. Bạn có thể bắt đầu chấm.")
        bulk = {code: index for code, index in choices.items() if code != clicked.code}
        sheet_save(actor=user, dossier=dossier, choices=bulk)
        member_page.reload()
        member_page.check(f"input[name='c_{clicked.code}'][value='{choices[clicked.code]}']")
        member_page.wait_for_function(
            f"document.getElementById('answered').textContent === '{len(criteria)}'"
        )
        member_page.click("button[value=submit]")
        member_page.wait_for_selector("text=Xác nhận nộp phiếu chấm")
        member_page.click("button:has-text('Xác nhận nộp phiếu')")
        member_page.wait_for_selector("text=Đã nộp phiếu chấm")
        pages[user.pk] = member_page
    # 5. The chair concludes in the browser (a confirm() dialog guards the button).
    chair_page = pages[chair.pk]
    chair_page.click("text=Kết quả hội đồng")
    chair_page.once("dialog", lambda dialog: dialog.accept())
    chair_page.click("button:has-text('Kết luận kết quả')")
    chair_page.wait_for_selector("text=Đã kết luận: 4 sao.")
    assert chair_page.text_content("#mean").strip().replace(",", ".") == f"{expected_total:.2f}"
    _shot(chair_page, "2-concluded")
    for member_page in pages.values():
        member_page.context.close()
    dossier.refresh_from_db()
    assert dossier.status == "scored"

    # The province officer issues the decision with a number and the date of signing.
    page.click("nav.mainnav >> text=Giấy chứng nhận")
    page.click("a.button:has-text('Ban hành quyết định công nhận')")
    row = page.locator("#scored-dossiers tr", has_text=product.name)
    assert "4 ★" in row.text_content()
    row.locator(f"#dossier-{dossier.pk}").check()
    page.fill("input[name=number]", "123/QĐ-UBND")
    page.fill("input[name=signed_on]", f"{today:%d/%m/%Y}")
    page.fill("input[name=signer]", "Chủ tịch UBND tỉnh Lâm Đồng")
    page.click("button:has-text('Ban hành quyết định và cấp giấy chứng nhận')")
    page.wait_for_selector("text=Đã ban hành quyết định 123/QĐ-UBND, cấp 1 giấy chứng nhận.")
    certificate = Certificate.objects.get(dossier=dossier)
    assert (certificate.star, certificate.issued_on) == (4, today)
    _shot(page, "3-decision")

    # 6. The public verification page, anonymous: valid, four stars.
    public = new_page(browser)
    verify_url = certificate.get_public_url()

    def status_on_page():
        public.goto(verify_url)
        public.wait_for_selector(".verify-status")
        return public.text_content(".verify-status")

    assert "Còn hiệu lực" in status_on_page()
    assert "★★★★ (4 sao / 4 stars)" in public.text_content("dl.facts")
    assert certificate.number in public.text_content("dl.facts")
    assert f"{certificate.valid_until:%d/%m/%Y}" in public.text_content("section.verify")
    _shot(public, "4-verify-valid")

    # 7. Time moves on: 150 days before the end of validity it is expiring, the day after it has expired.
    with time_machine.travel(_at(certificate.valid_until - dt.timedelta(days=150)), tick=False):
        text = status_on_page()
        assert "Sắp hết hạn" in text, text
        assert "còn 150 ngày" in text, text
        assert public.locator("section.verify-expiring").count() == 1
        _shot(public, "5-verify-expiring")
    with time_machine.travel(_at(certificate.valid_until + dt.timedelta(days=1)), tick=False):
        text = status_on_page()
        assert "Hết hiệu lực" in text, text
        assert "Còn hiệu lực" not in text
        _shot(public, "6-verify-expired")

    # 8. Back to today: the province revokes it; the very next request of the public page shows it.
    assert "Còn hiệu lực" in status_on_page()
    page.click("nav.mainnav >> text=Giấy chứng nhận")
    page.click(f"a:has-text('{certificate.number}')")
    page.click("a.button:has-text('Thu hồi giấy chứng nhận')")
    ground = RevocationGround.CRITERIA_NOT_MET
    page.check(f"input[name=ground][value={ground.value}]")
    page.fill("input[name=concluded_on]", f"{today:%d/%m/%Y}")
    page.fill("input[name=decision_number]", "456/QĐ-UBND")
    page.fill("input[name=decided_on]", f"{today:%d/%m/%Y}")
    page.fill("textarea[name=reason]", "Hậu kiểm: sản phẩm không còn đáp ứng tiêu chí chất lượng.")
    page.click("button:has-text('Ghi nhận thu hồi')")
    done = page.get_by_text(f"Đã ghi nhận quyết định thu hồi giấy chứng nhận {certificate.number}.")
    errors = page.locator(".errors, .errorlist, .messages .error")
    done.or_(errors).first.wait_for()
    assert errors.count() == 0, errors.all_text_contents()
    text = status_on_page()
    assert "Đã bị thu hồi" in text, text
    body = public.text_content("section.verify")
    assert f"thu hồi từ ngày {today:%d/%m/%Y}" in body
    assert public.text_content("strong.ground").strip() == ground.label
    assert f"căn cứ điểm {ground.point} khoản 1 Điều 8" in body
    _shot(public, "7-verify-revoked")
