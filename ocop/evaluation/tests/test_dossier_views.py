"""Dossier pages: every role sees exactly its scope, queues keep time, and each actor's screens work."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.evaluation.models import Dossier, Evidence, SelfScore
from ocop.evaluation.services.dossiers import COMMUNE_ASSESSMENT_FIELDS
from ocop.evaluation.services.rubrics import rubric_current
from ocop.evaluation.tests.conftest import (
    COMMUNES,
    VISIBLE,
    advance_to,
    fill_self_scores,
    make_dossier,
    make_submitted_dossier,
)

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def submitted(eval_world) -> dict[str, Dossier]:
    """One submitted dossier in each commune."""
    return {key: make_submitted_dossier(eval_world.products[key]) for key in COMMUNES}


def _body(response) -> str:
    return response.content.decode()


# ----------------------------------------------------------------------------------------------------
# Scope


def test_anonymous_is_sent_to_login(client, eval_world, submitted):
    for url in (
        reverse("evaluation:dossier-list"),
        submitted["dak_mil"].get_absolute_url(),
        reverse("evaluation:queue-commune"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize("who", list(VISIBLE))
def test_dossier_list_shows_only_the_scope(client, eval_world, submitted, who):
    client.force_login(eval_world.users[who])
    body = _body(client.get(reverse("evaluation:dossier-list")))
    for key in COMMUNES:
        assert (submitted[key].registration_number in body) == (key in VISIBLE[who]), key


@pytest.mark.parametrize("who", list(VISIBLE))
def test_dossier_pages_answer_404_outside_the_scope(client, eval_world, submitted, who, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(eval_world.users[who])
    for key in COMMUNES:
        dossier = submitted[key]
        evidence = Evidence.objects.create(
            dossier=dossier, title="x", file=SimpleUploadedFile("x.pdf", b"%PDF")
        )
        urls = [
            dossier.get_absolute_url(),
            reverse("evaluation:dossier-self-assessment", args=[dossier.pk]),
            reverse("evaluation:dossier-evidence", args=[dossier.pk, evidence.pk]),
        ]
        for url in urls:
            expected = 200 if key in VISIBLE[who] else 404
            assert client.get(url).status_code == expected, (key, url)
        for url in (
            reverse("evaluation:dossier-edit", args=[dossier.pk]),
            reverse("evaluation:dossier-commune-assessment", args=[dossier.pk]),
            reverse("evaluation:dossier-advisory", args=[dossier.pk]),
        ):
            status = client.get(url).status_code
            assert status in ({200, 403} if key in VISIBLE[who] else {404}), (key, url, status)
        response = client.post(
            reverse("evaluation:dossier-transition", args=[dossier.pk]),
            {"to_status": "withdrawn", "reason": "thử"},
        )
        if key not in VISIBLE[who]:
            assert response.status_code == 404
    for key in COMMUNES:
        unchanged = Dossier.objects.get(pk=submitted[key].pk).status == "submitted"
        assert unchanged or key in VISIBLE[who]


def test_a_council_seat_opens_the_dossier_to_its_member(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "council")
    chair = dossier.council.members.get(role="chair").user
    client.force_login(chair)
    assert client.get(dossier.get_absolute_url()).status_code == 200
    other = make_submitted_dossier(eval_world.products["dak_glei"])
    assert client.get(other.get_absolute_url()).status_code == 404


def test_search_and_filters(client, eval_world, submitted):
    client.force_login(eval_world.users["admin"])
    body = _body(client.get(reverse("evaluation:dossier-list"), {"q": "sam day ngoc linh ly son"}))
    assert submitted["ly_son"].registration_number in body
    assert submitted["dak_mil"].registration_number not in body
    advance_to(submitted["bao_loc"], "commune_review")
    body = _body(client.get(reverse("evaluation:dossier-list"), {"status": "commune_review"}))
    assert submitted["bao_loc"].registration_number in body
    assert submitted["dak_mil"].registration_number not in body
    response = client.get(reverse("evaluation:dossier-list"), {"q": "ly son"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content


# ----------------------------------------------------------------------------------------------------
# Queues


def test_commune_queue_sorts_by_due_date_and_flags_overdue(client, eval_world, time_machine):
    time_machine.move_to(dt.datetime(2026, 4, 20, 9, 0, tzinfo=HCM))
    products = eval_world.products
    early = advance_to(make_dossier(products["dak_mil_rau"]), "commune_review", today=dt.date(2026, 4, 6))
    today = advance_to(make_dossier(products["dak_mil"]), "commune_review", today=dt.date(2026, 4, 20))
    waiting = make_submitted_dossier(make_product(eval_world, "dak_mil", "Cà phê Robusta Đắk Mil"))
    elsewhere = advance_to(make_dossier(products["bao_loc"]), "commune_review", today=dt.date(2026, 4, 6))
    further = advance_to(make_dossier(make_product(eval_world, "dak_mil", "Tiêu Đắk Mil")), "province_intake")
    assert (early.commune_due_on, today.commune_due_on) == (dt.date(2026, 4, 28), dt.date(2026, 5, 14))
    client.force_login(eval_world.users["commune_dak_mil"])
    body = _body(client.get(reverse("evaluation:queue-commune")))
    numbers = re.findall(r"\d{3}/PĐK-[\d-]+", body)
    assert numbers == [waiting.registration_number, early.registration_number, today.registration_number]
    assert elsewhere.registration_number not in body
    assert further.registration_number not in body
    assert "còn 5 ngày làm việc" in body  # 21, 22, 23, 24 and 28/04 (27/04 is the Giỗ Tổ holiday)
    assert "còn 15 ngày làm việc" in body
    assert "quá hạn" not in body

    time_machine.move_to(dt.datetime(2026, 5, 1, 9, 0, tzinfo=HCM))
    client.force_login(eval_world.users["commune_dak_mil"])
    body = _body(client.get(reverse("evaluation:queue-commune")))
    assert "quá hạn 3 ngày" in body
    assert 'class="badge overdue"' in body
    row = next(r for r in body.split("<tr") if early.registration_number in r)
    assert "overdue" in row


def make_product(world, commune_key: str, name: str):
    from ocop.registry import services as registry_services

    return registry_services.product_create(
        actor=world.users["admin"],
        producer=world.producers[commune_key],
        name=name,
        product_set=world.products[commune_key].product_set,
    )


def test_province_queue_holds_its_states_with_round_deadlines(client, eval_world, time_machine):
    products = eval_world.products
    intake = advance_to(make_dossier(products["dak_mil"]), "province_intake")
    review = advance_to(make_dossier(products["bao_loc"]), "advisory_review")
    in_council = advance_to(make_dossier(products["dak_mil_rau"]), "council")
    scored = advance_to(make_dossier(make_product(eval_world, "bao_loc", "Trà Ô long Bảo Lộc")), "scored")
    other = advance_to(make_dossier(products["dak_glei"]), "province_intake")
    client.force_login(eval_world.users["province_ld"])
    body = _body(client.get(reverse("evaluation:queue-province")))
    for dossier in (intake, review, scored):
        assert dossier.registration_number in body
    assert in_council.registration_number not in body
    assert other.registration_number not in body
    assert "chưa xếp đợt" in body
    assert "quá hạn" not in body
    round_ = eval_world.rounds["lam_dong"]
    time_machine.move_to(
        dt.datetime.combine(round_.conclusion_deadline + dt.timedelta(days=4), dt.time(9), tzinfo=HCM)
    )
    client.force_login(eval_world.users["province_ld"])
    body = _body(client.get(reverse("evaluation:queue-province")))
    assert body.count("quá hạn 4 ngày") == 2  # the two dossiers in the round


@pytest.mark.parametrize(("who", "commune", "province"), [
    ("commune_dak_mil", 200, 403), ("province_ld", 200, 200), ("central", 200, 200), ("admin", 200, 200),
    ("council_ld", 403, 403), ("producer_dak_mil", 403, 403),
])  # fmt: skip
def test_queues_are_for_their_officers(client, eval_world, who, commune, province):
    client.force_login(eval_world.users[who])
    assert client.get(reverse("evaluation:queue-commune")).status_code == commune
    assert client.get(reverse("evaluation:queue-province")).status_code == province


@pytest.mark.parametrize(("who", "target"), [
    ("commune_dak_mil", "evaluation:queue-commune"), ("province_ld", "evaluation:queue-province"),
    ("producer_dak_mil", "evaluation:dossier-list"), ("central", "evaluation:dossier-list"),
])  # fmt: skip
def test_the_menu_entry_leads_to_each_roles_work(client, eval_world, who, target):
    client.force_login(eval_world.users[who])
    response = client.get(reverse("evaluation:home"))
    assert response["Location"] == reverse(target)
    assert reverse("evaluation:home") in _body(client.get(reverse(target)))


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    ("url_name", "state", "who"),
    [
        ("evaluation:dossier-list", "submitted", "province_ld"),
        ("evaluation:dossier-list", "submitted", "producer_dak_mil"),
        ("evaluation:queue-commune", "commune_review", "commune_dak_mil"),
        ("evaluation:queue-province", "advisory_review", "province_ld"),
    ],
)
def test_list_query_count_does_not_grow(client, eval_world, url_name, state, who):
    client.force_login(eval_world.users[who])
    names = ["Mật ong", "Cà phê", "Hồ tiêu", "Sầu riêng"]
    counts = []
    for batch in ([names[0]], names[1:3]):  # 1 dossier, then 3
        for name in batch:
            advance_to(make_dossier(make_product(eval_world, "dak_mil", name)), state)
        counts.append(_count_queries(client, reverse(url_name)))
    assert Dossier.objects.count() == 3
    assert counts[0] == counts[1]
    assert counts[1] <= 14


# ----------------------------------------------------------------------------------------------------
# The producer


def test_producer_picks_only_its_own_products(client, eval_world):
    client.force_login(eval_world.users["producer_dak_mil"])
    body = _body(client.get(reverse("evaluation:dossier-create")))
    assert "Sâm dây Ngọc Linh dak_mil" in body
    assert "Bơ sáp Đắk Mil" in body
    assert "Sâm dây Ngọc Linh bao_loc" not in body
    assert "Nâng hạng" in body or "nâng hạng" in body  # upgrades and re-evaluations are explained
    response = client.post(
        reverse("evaluation:dossier-create"), {"product": eval_world.products["bao_loc"].pk}
    )
    assert response.status_code == 200
    assert "Không tìm thấy sản phẩm" in _body(response)
    assert not Dossier.objects.exists()
    response = client.post(
        reverse("evaluation:dossier-create"), {"product": eval_world.products["dak_mil"].pk}
    )
    dossier = Dossier.objects.get()
    assert response["Location"] == dossier.get_absolute_url()
    body = _body(client.get(reverse("evaluation:dossier-create")))
    assert "Đang có hồ sơ chưa kết thúc" in body


def test_producer_edits_the_registration_form(client, eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    client.force_login(eval_world.users["producer_dak_mil"])
    url = reverse("evaluation:dossier-edit", args=[dossier.pk])
    data = {
        "representative": "Nguyễn Thị Hoa",
        "title": "Giám đốc",
        "address": "Thôn 2, Xã Đắk Mil",
        "phone": "0261 3777 888",
        "email": "khong-phai-email",
        "product_name": "Sâm dây Ngọc Linh",
        "samples_count": "5",
        "story_exists": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "email" in _body(response).lower()
    data["email"] = "htx@example.vn"
    assert client.post(url, data).status_code == 302
    dossier.refresh_from_db()
    assert dossier.application["phone"] == "0261 3777 888"
    assert dossier.application["title"] == "Giám đốc"
    assert "Giám đốc" in _body(client.get(dossier.get_absolute_url()))


def test_self_assessment_page_shows_the_sheet_with_star_marks(client, eval_world):
    dossier = make_dossier(eval_world.products["dak_mil_rau"])  # set 1
    client.force_login(eval_world.users["producer_dak_mil"])
    body = _body(client.get(reverse("evaluation:dossier-self-assessment", args=[dossier.pk])))
    sheet = rubric_current(product_set_number=1).sheet
    for criterion in sheet.criteria():
        assert f'id="tieu-chi-{criterion.code.replace(".", "-")}"' in body
    assert "★★★★★" in body and "★★★★" in body and "★★★" in body  # noqa: PT018
    assert 'name="c-1.1"' in body
    assert "Tổng điểm tự đánh giá" in body


def test_htmx_saves_one_criterion_and_returns_the_new_total(client, eval_world):
    dossier = make_dossier(eval_world.products["dak_mil_rau"])
    client.force_login(eval_world.users["producer_dak_mil"])
    url = reverse("evaluation:dossier-self-score", args=[dossier.pk, "1.1"])
    response = client.post(url, {"c-1.1": "2", "n-1.1": "85% rau trong xã"}, HTTP_HX_REQUEST="true")
    body = _body(response)
    assert "Đã chọn: 3 điểm" in body
    assert 'hx-swap-oob="true"' in body
    assert "<strong>3</strong>/100" in body
    score = SelfScore.objects.get(dossier=dossier, criterion_code="1.1")
    assert (score.option_index, score.note) == (2, "85% rau trong xã")
    response = client.post(url, {"c-1.1": "7"}, HTTP_HX_REQUEST="true")
    assert "chỉ có 3 phương án" in _body(response)


def _all_choices(dossier) -> dict[str, str]:
    sheet = rubric_current(product_set_number=dossier.product_set_number).sheet
    data = {}
    for criterion in sheet.criteria():
        best = max(range(len(criterion.options)), key=lambda i: criterion.options[i].points)
        data[f"c-{criterion.code}"] = str(best)
        data[f"n-{criterion.code}"] = "Có minh chứng"
    return data


def test_submit_shows_missing_criteria_then_submits(client, eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    client.force_login(eval_world.users["producer_dak_mil"])
    url = reverse("evaluation:dossier-self-assessment", args=[dossier.pk])
    data = _all_choices(dossier)
    partial = {k: v for k, v in data.items() if k not in {"c-1.3", "c-12"}}
    response = client.post(url, {**partial, "action": "submit"}, follow=True)
    body = _body(response)
    assert "còn 2 tiêu chí chưa tự đánh giá" in body
    assert "#tieu-chi-1-3" in body
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"
    response = client.post(url, {**data, "action": "submit"}, follow=True)
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
    assert dossier.registration_number in _body(response)
    assert "Đã thực hiện: Nộp hồ sơ." in _body(response)


def test_evidence_upload_messages_and_download(client, eval_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dossier = make_dossier(eval_world.products["dak_mil"])
    client.force_login(eval_world.users["producer_dak_mil"])
    url = reverse("evaluation:dossier-evidence-add", args=[dossier.pk])
    bad = SimpleUploadedFile("hop-dong.txt", b"hello")
    body = _body(client.post(url, {"title": "Hợp đồng", "file": bad, "criterion_code": "1.5"}, follow=True))
    assert "chỉ nhận PDF, JPG, PNG, DOCX hoặc XLSX" in body
    good = SimpleUploadedFile("hop-dong.pdf", b"%PDF-1.4 hop dong")
    response = client.post(url, {"title": "Hợp đồng bao tiêu", "file": good, "criterion_code": "1.5"})
    assert response["Location"].endswith("#tieu-chi-1-5")
    evidence = Evidence.objects.get(dossier=dossier)
    assert evidence.criterion_code == "1.5"
    body = _body(client.get(reverse("evaluation:dossier-self-assessment", args=[dossier.pk])))
    assert "Hợp đồng bao tiêu" in body
    download = reverse("evaluation:dossier-evidence", args=[dossier.pk, evidence.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(eval_world.users["producer_bao_loc"])
    assert client.get(download).status_code == 404


def test_withdraw_needs_a_reason(client, eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    client.force_login(eval_world.users["producer_dak_mil"])
    url = reverse("evaluation:dossier-transition", args=[dossier.pk])
    body = _body(client.post(url, {"to_status": "withdrawn", "reason": ""}, follow=True))
    assert "Hãy ghi lý do" in body
    client.post(url, {"to_status": "withdrawn", "reason": "Chưa đủ sản lượng"})
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"
    assert "Chưa đủ sản lượng" in _body(client.get(dossier.get_absolute_url()))


# ----------------------------------------------------------------------------------------------------
# The commune


def test_commune_receives_assesses_and_forwards(client, eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    client.force_login(eval_world.users["commune_dak_mil"])
    detail = _body(client.get(dossier.get_absolute_url()))
    assert "Xã tiếp nhận hồ sơ" in detail
    client.post(reverse("evaluation:dossier-transition", args=[dossier.pk]), {"to_status": "commune_review"})
    dossier.refresh_from_db()
    assert dossier.status == "commune_review"
    assert dossier.commune_due_on is not None
    url = reverse("evaluation:dossier-commune-assessment", args=[dossier.pk])
    page = _body(client.get(url))
    assert dossier.producer.legal_rep_ethnicity in page
    draft = {"local_materials": "100% nguyên liệu trong xã", "local_labour": "15/20 lao động địa phương"}
    client.post(url, {**draft, "action": "save"})
    dossier.refresh_from_db()
    assert (dossier.status, dossier.commune_assessment["local_labour"]) == (
        "commune_review",
        draft["local_labour"],
    )
    body = _body(client.post(url, {**draft, "action": "forward"}, follow=True))
    assert "Nguồn gốc ý tưởng sản phẩm" in body  # named as missing
    dossier.refresh_from_db()
    assert dossier.status == "commune_review"
    complete = {key: f"{label}: đạt" for key, label in COMMUNE_ASSESSMENT_FIELDS.items()}
    client.post(url, {**complete, "action": "forward"})
    dossier.refresh_from_db()
    assert dossier.status == "province_intake"
    assert dossier.commune_assessment == complete


def test_commune_returns_and_producer_sees_the_reason_and_resubmits(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "commune_review")
    number = dossier.registration_number
    client.force_login(eval_world.users["commune_dak_mil"])
    client.post(
        reverse("evaluation:dossier-transition", args=[dossier.pk]),
        {"to_status": "returned", "reason": "Bổ sung danh sách lao động có bảo hiểm"},
    )
    client.force_login(eval_world.users["producer_dak_mil"])
    body = _body(client.get(dossier.get_absolute_url()))
    assert "Bổ sung danh sách lao động có bảo hiểm" in body
    assert "Nộp lại hồ sơ đã bổ sung" in body
    client.post(reverse("evaluation:dossier-transition", args=[dossier.pk]), {"to_status": "submitted"})
    dossier.refresh_from_db()
    assert (dossier.status, dossier.registration_number) == ("submitted", number)


# ----------------------------------------------------------------------------------------------------
# The province


def test_province_intake_picks_an_open_round_of_its_province(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "province_intake")
    client.force_login(eval_world.users["province_ld"])
    page = _body(client.get(dossier.get_absolute_url()))
    assert eval_world.rounds["lam_dong"].name in page
    assert eval_world.rounds["quang_ngai"].name not in page
    url = reverse("evaluation:dossier-transition", args=[dossier.pk])
    client.post(url, {"to_status": "advisory_review", "round": eval_world.rounds["quang_ngai"].pk})
    dossier.refresh_from_db()
    assert dossier.status == "province_intake"
    client.post(url, {"to_status": "advisory_review", "round": eval_world.rounds["lam_dong"].pk})
    dossier.refresh_from_db()
    assert (dossier.status, dossier.round) == ("advisory_review", eval_world.rounds["lam_dong"])


def test_advisory_report_then_council_of_the_round(client, eval_world):
    from ocop.evaluation.tests.conftest import make_council

    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "advisory_review")
    officer = eval_world.users["province_ld"]
    council = make_council(dossier.round, actor=officer, name="Hội đồng OCOP tỉnh Lâm Đồng")
    client.force_login(officer)
    client.post(
        reverse("evaluation:dossier-advisory", args=[dossier.pk]),
        {"advisory_report": "Đủ điều kiện", "field_visit_notes": "Đã khảo sát", "extra_tests": ""},
    )
    dossier.refresh_from_db()
    assert dossier.advisory_report == "Đủ điều kiện"
    assert "Hội đồng OCOP tỉnh Lâm Đồng" in _body(client.get(dossier.get_absolute_url()))
    client.post(
        reverse("evaluation:dossier-transition", args=[dossier.pk]),
        {"to_status": "council", "council": council.pk},
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.council) == ("council", council)


def test_disqualification_cites_the_sheets_conditions(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "province_intake")
    conditions = dossier.rubric.sheet.disqualification
    client.force_login(eval_world.users["province_ld"])
    page = _body(client.get(dossier.get_absolute_url()))
    for condition in conditions:
        assert condition in page
    url = reverse("evaluation:dossier-transition", args=[dossier.pk])
    body = _body(client.post(url, {"to_status": "disqualified"}, follow=True))
    assert "Hãy chọn ít nhất một điều kiện" in body
    client.post(url, {"to_status": "disqualified", "conditions": ["1"], "note": "Giấy GMP hết hạn 03/2026."})
    dossier.refresh_from_db()
    assert dossier.status == "disqualified"
    assert dossier.disqualification_reason == f"Hồ sơ bị loại khi: {conditions[1]}. Giấy GMP hết hạn 03/2026."


def test_steps_taken_elsewhere_are_not_offered(client, eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "scored")
    client.force_login(eval_world.users["province_ld"])
    body = _body(client.get(dossier.get_absolute_url()))
    assert "Ban hành quyết định công nhận" not in body
    assert "Đề nghị Bộ đánh giá 5 sao" in body
    body = _body(
        client.post(
            reverse("evaluation:dossier-transition", args=[dossier.pk]), {"to_status": "decided"}, follow=True
        )
    )
    assert "không thể thực hiện thao tác này" in body
    assert Dossier.objects.get(pk=dossier.pk).status == "scored"


def test_officers_see_no_edit_buttons_on_a_submitted_dossier(client, eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    client.force_login(eval_world.users["producer_dak_mil"])
    body = _body(client.get(dossier.get_absolute_url()))
    assert "Sửa phiếu đăng ký" not in body
    assert client.get(reverse("evaluation:dossier-edit", args=[dossier.pk])).status_code == 403
    response = client.post(
        reverse("evaluation:dossier-self-assessment", args=[dossier.pk]), _all_choices(dossier)
    )
    assert response.status_code == 403


def test_fill_self_scores_helper_is_reusable(eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    fill_self_scores(dossier, choose={"1.1": 0})
    assert SelfScore.objects.get(dossier=dossier, criterion_code="1.1").option_index == 0
