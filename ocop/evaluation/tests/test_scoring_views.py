"""Council pages: the "Chấm điểm" list, declaration, scoring screen, results, councils — scope for every role,
independence of the sheets, and bounded query counts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.evaluation import lifecycle
from ocop.evaluation.models import (
    ConflictDeclaration,
    Council,
    CouncilMember,
    Result,
    ScoreSheet,
    SheetStatus,
)
from ocop.evaluation.services.scoring import conflict_declare, result_conclude
from ocop.evaluation.tests.conftest import VISIBLE
from ocop.evaluation.tests.test_scoring_services import (
    Panel,
    choices_for,
    make_panel,
    score,
    score_all,
    to_council,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(eval_world) -> Panel:
    return make_panel(eval_world)


def _post_sheet(client, dossier, choices, action="save", comments=None, comment=""):
    data = {f"c_{code}": str(index) for code, index in choices.items()}
    data.update({f"n_{code}": text for code, text in (comments or {}).items()})
    data.update(action=action, comment=comment)
    return client.post(reverse("evaluation:scoring-sheet", args=[dossier.pk]), data)


def test_anonymous_is_sent_to_login(client, panel):
    dossier = to_council(panel)
    for url in (
        reverse("evaluation:scoring-list"),
        reverse("evaluation:scoring-sheet", args=[dossier.pk]),
        reverse("evaluation:scoring-results", args=[dossier.pk]),
        reverse("evaluation:council-list"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_list_shows_my_dossiers_and_what_to_do(client, panel):
    first = to_council(panel)
    second = to_council(panel, "dak_mil")
    score(panel.members[0], first, 70)
    client.force_login(panel.members[0])
    body = client.get(reverse("evaluation:scoring-list")).content.decode()
    assert "Bơ sáp Đắk Mil" in body
    assert "Sâm dây Ngọc Linh dak_mil" in body
    assert reverse("evaluation:scoring-declare", args=[second.pk]) in body
    assert "Đã nộp" in body
    client.force_login(panel.world.users["council_ld"])  # no seat on the council
    body = client.get(reverse("evaluation:scoring-list")).content.decode()
    assert "Bơ sáp Đắk Mil" not in body
    assert "Không có hồ sơ nào đang chờ bạn chấm." in body


@pytest.mark.parametrize("who", list(VISIBLE))
def test_list_holds_only_dossiers_of_my_seats_for_every_role(client, panel, who):
    dossier = to_council(panel)
    client.force_login(panel.world.users[who])
    response = client.get(reverse("evaluation:scoring-list"))
    assert response.status_code == 200
    assert dossier.registration_number not in response.content.decode()
    api = client.get("/api/v1/scoring/dossiers").json()
    assert api["count"] == 0


def test_declare_then_score_then_submit_with_confirmation(client, panel):
    dossier = to_council(panel)
    member = panel.members[0]
    client.force_login(member)
    sheet_url = reverse("evaluation:scoring-sheet", args=[dossier.pk])
    response = client.get(sheet_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:scoring-declare", args=[dossier.pk])
    response = client.post(response["Location"], {"has_conflict": "yes", "note": ""})
    assert response.status_code == 200
    assert "Hãy ghi rõ xung đột lợi ích" in response.content.decode()
    response = client.post(reverse("evaluation:scoring-declare", args=[dossier.pk]), {"has_conflict": "no"})
    assert response["Location"] == sheet_url
    body = client.get(sheet_url).content.decode()
    assert "Nguồn gốc sản phẩm" in body  # criterion 1.1 of the frozen set-1 sheet
    assert "Không áp dụng: hồ sơ không có câu chuyện sản phẩm" in body  # 5.2
    assert 'name="c_1.1"' in body
    assert 'name="c_5.2"' not in body
    choices = choices_for(dossier.rubric.sheet, 64, story_exists=False)
    partial = dict(list(choices.items())[:5])
    response = _post_sheet(client, dossier, partial, comments={"1.1": "Nguyên liệu tại xã"})
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get(dossier=dossier, member__user=member)
    assert sheet.status == SheetStatus.DRAFT
    assert sheet.lines.count() == 5
    assert sheet.lines.get(criterion_code="1.1").comment == "Nguyên liệu tại xã"
    response = _post_sheet(client, dossier, partial, action="submit")
    assert response.status_code == 302
    body = client.get(sheet_url).content.decode()
    assert "Chưa chấm các tiêu chí" in body
    response = _post_sheet(client, dossier, choices, action="submit")
    assert response.status_code == 200
    assert "Xác nhận nộp phiếu" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT  # not submitted before the confirmation
    response = client.post(sheet_url, {"action": "confirm"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total) == (SheetStatus.SUBMITTED, 64)
    body = client.get(sheet_url).content.decode()
    assert 'name="c_1.1"' not in body  # read-only now
    response = _post_sheet(client, dossier, choices)
    sheet.refresh_from_db()
    assert sheet.total == 64


def test_member_sees_others_only_after_submitting(client, panel):
    dossier = to_council(panel)
    score(panel.chair, dossier, 77)
    first_sheet = ScoreSheet.objects.get(member__user=panel.chair)
    member = panel.members[0]
    conflict_declare(actor=member, dossier=dossier, has_conflict=False)
    client.force_login(member)
    sheet_page = client.get(reverse("evaluation:scoring-sheet", args=[dossier.pk])).content.decode()
    results_page = client.get(reverse("evaluation:scoring-results", args=[dossier.pk])).content.decode()
    for body in (sheet_page, results_page):
        assert "Nguyễn Văn An" not in body or "77" not in re.sub(r"<[^>]+>", " ", body).split()
    assert "chỉ hiện sau khi bạn nộp phiếu" in results_page
    assert client.get(reverse("evaluation:scoring-sheet-pdf", args=[first_sheet.pk])).status_code == 403
    score(member, dossier, 60)
    sheet_page = client.get(reverse("evaluation:scoring-sheet", args=[dossier.pk])).content.decode()
    assert "Nguyễn Văn An" in sheet_page
    assert "77" in re.sub(r"<[^>]+>", " ", sheet_page).split()
    assert client.get(reverse("evaluation:scoring-sheet-pdf", args=[first_sheet.pk])).status_code == 200


def test_results_page_for_the_chair(client, panel):
    Council.objects.filter(pk=panel.council.pk).update(spread_threshold=10)
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 60, 80])  # mean 66.67; the 80 lies 13.33 above
    client.force_login(panel.chair)
    url = reverse("evaluation:scoring-results", args=[dossier.pk])
    body = client.get(url).content.decode()
    assert "66,67" in body
    assert re.search(r'<tr class="flagged[^"]*">\s*<td class="keep">Lê Văn Cường', body)
    assert "Kết luận kết quả" in body
    response = client.post(reverse("evaluation:scoring-conclude", args=[dossier.pk]), {"note": ""})
    assert response.status_code == 302
    assert not Result.objects.exists()
    sheet = ScoreSheet.objects.get(member__user=panel.members[1])
    response = client.post(reverse("evaluation:scoring-reopen", args=[sheet.pk]), {"reason": ""})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    client.post(reverse("evaluation:scoring-reopen", args=[sheet.pk]), {"reason": "Chấm lại tiêu chí 4.1"})
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT
    body = client.get(url).content.decode()
    assert "Chấm lại tiêu chí 4.1" in body
    assert "Còn thành viên chưa nộp phiếu chấm: Lê Văn Cường" in body
    score(panel.members[1], dossier, 79)
    response = client.post(
        reverse("evaluation:scoring-conclude", args=[dossier.pk]),
        {"discussed": "on", "note": "Đã thảo luận về kênh phân phối; giữ nguyên điểm."},
    )
    assert response.status_code == 302
    result = Result.objects.get()
    assert result.flagged_members == ["Lê Văn Cường"]
    body = client.get(url).content.decode()
    assert "Kết luận của hội đồng" in body
    assert "Đã thảo luận về kênh phân phối; giữ nguyên điểm." in body
    assert "66,33" in body
    assert "Kết luận kết quả" not in body


def test_failed_minimum_marks_are_shown(client, panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [60, 60, 60], miss={"2.2": 3})
    result_conclude(actor=panel.chair, dossier=dossier)
    client.force_login(panel.members[0])
    body = client.get(reverse("evaluation:scoring-results", args=[dossier.pk])).content.decode()
    assert "Yêu cầu tối thiểu không đạt" in body
    assert "Tiêu chí 2.2" in body
    assert "Không đạt" in body


def test_only_the_chair_may_conclude_or_reopen(client, panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [70, 70, 70])
    client.force_login(panel.members[0])
    assert (
        "Kết luận kết quả"
        not in client.get(reverse("evaluation:scoring-results", args=[dossier.pk])).content.decode()
    )
    assert client.post(reverse("evaluation:scoring-conclude", args=[dossier.pk])).status_code == 403
    sheet = ScoreSheet.objects.get(member__user=panel.members[1])
    assert (
        client.post(reverse("evaluation:scoring-reopen", args=[sheet.pk]), {"reason": "Xem lại"}).status_code
        == 403
    )
    assert not Result.objects.exists()
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED


# Who may open the results page of a concluded dossier of Đắk Mil (Lâm Đồng), and whether they see names.
RESULT_PAGE = {
    "admin": (200, True),
    "central": (200, True),
    "province_ld": (200, True),
    "province_qn": (404, False),
    "commune_dak_mil": (200, True),
    "commune_bao_loc": (404, False),
    "commune_dak_glei": (404, False),
    "council_ld": (200, True),
    "producer_dak_mil": (200, False),
    "producer_bao_loc": (404, False),
    "producer_dak_glei": (404, False),
    "producer_unlinked": (404, False),
}


@pytest.mark.parametrize("who", list(VISIBLE))
def test_results_page_scope_for_every_role(client, panel, who):
    dossier = to_council(panel)
    score_all(panel, dossier, [70, 71, 72])
    result_conclude(actor=panel.chair, dossier=dossier)
    client.force_login(panel.world.users[who])
    response = client.get(reverse("evaluation:scoring-results", args=[dossier.pk]))
    status, names = RESULT_PAGE[who]
    assert response.status_code == status
    body = response.content.decode()
    assert ("Trần Thị Bình" in body) == names
    assert ("Nguyễn Văn An" in body) == names  # not even the chair's name for the producer
    if status == 200:
        assert "71,00" in body  # the mean
    sheet = ScoreSheet.objects.get(member__user=panel.members[0])
    pdf = client.get(reverse("evaluation:scoring-sheet-pdf", args=[sheet.pk]))
    assert pdf.status_code == (200 if names else 404)


@pytest.mark.parametrize("who", list(VISIBLE))
def test_before_the_result_officers_see_progress_not_scores(client, panel, who):
    dossier = to_council(panel)
    score_all(panel, dossier, [70, 71, 72])
    client.force_login(panel.world.users[who])
    response = client.get(reverse("evaluation:scoring-results", args=[dossier.pk]))
    status, names = RESULT_PAGE[who]
    if who == "producer_dak_mil":
        status = 404  # the producer sees the council's result only once concluded
    assert response.status_code == status
    body = response.content.decode()
    assert "71,00" not in body
    assert ("Trần Thị Bình" in body) == (status == 200 and names)


def test_secretary_sees_progress_then_everything(client, panel):
    dossier = to_council(panel)
    score_all(panel, dossier, [70, 71, 72])
    client.force_login(panel.secretary)
    url = reverse("evaluation:scoring-results", args=[dossier.pk])
    assert client.get(reverse("evaluation:scoring-sheet", args=[dossier.pk]))["Location"] == url
    assert "71,00" not in client.get(url).content.decode()
    assert client.get(reverse("evaluation:scoring-declare", args=[dossier.pk])).status_code == 403
    result_conclude(actor=panel.chair, dossier=dossier)
    assert "71,00" in client.get(url).content.decode()


def test_conflicted_member_is_shown_excluded(client, eval_world):
    panel = make_panel(eval_world, members=3)
    dossier = to_council(panel)
    conflict_declare(actor=panel.extra[0], dossier=dossier, has_conflict=True, note="Là cổ đông của chủ thể")
    score(panel.chair, dossier, 70)
    score(panel.members[0], dossier, 70)
    score(panel.members[1], dossier, 70)
    client.force_login(panel.chair)
    body = client.get(reverse("evaluation:scoring-results", args=[dossier.pk])).content.decode()
    assert "Có xung đột — phiếu không được tính" in body
    assert "Là cổ đông của chủ thể" in body
    client.force_login(panel.extra[0])
    response = client.get(reverse("evaluation:scoring-sheet", args=[dossier.pk]))
    assert "không được tính" in response.content.decode()
    assert 'name="c_1.1"' not in response.content.decode()


def _capture(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_scoring_list_query_count_does_not_grow(client, panel):
    client.force_login(panel.members[0])
    url = reverse("evaluation:scoring-list")
    counts = []
    for keys in (["dak_mil_rau"], ["dak_mil", "bao_loc"]):
        for key in keys:
            dossier = to_council(panel, key)
            score(panel.members[0], dossier, 70)
        counts.append(_capture(client, url))
    assert counts[0] == counts[1]
    assert counts[1] <= 12


def test_results_page_query_count_does_not_grow(client, eval_world):
    counts = []
    for members in (2, 4):  # councils of 3 and 5 scoring seats
        panel = make_panel(eval_world, members=members)
        dossier = to_council(panel, "dak_mil_rau" if members == 2 else "bao_loc")
        for user in panel.scorers:
            score(user, dossier, 70)
        client.force_login(panel.chair)
        counts.append(_capture(client, reverse("evaluation:scoring-results", args=[dossier.pk])))
    assert counts[0] == counts[1]
    assert counts[1] <= 25


def test_sheet_page_query_count_does_not_grow(client, eval_world):
    counts = []
    for members in (2, 4):
        panel = make_panel(eval_world, members=members)
        dossier = to_council(panel, "dak_mil_rau" if members == 2 else "bao_loc")
        for user in panel.scorers:
            score(user, dossier, 70)
        client.force_login(panel.chair)
        counts.append(_capture(client, reverse("evaluation:scoring-sheet", args=[dossier.pk])))
    assert counts[0] == counts[1]


# ----------------------------------------------------------------------------------------------------
# Councils


@pytest.mark.parametrize("who", list(VISIBLE))
def test_council_pages_are_scoped(client, panel, who):
    client.force_login(panel.world.users[who])
    body = client.get(reverse("evaluation:council-list")).content.decode()
    sees = who in {"admin", "central", "province_ld", "council_ld"}
    assert (panel.council.name in body) == sees
    detail = client.get(reverse("evaluation:council-detail", args=[panel.council.pk]))
    assert detail.status_code == (200 if sees else 404)
    if sees:
        manages = who in {"admin", "province_ld"}
        assert ("Thêm thành viên" in detail.content.decode()) == manages


def test_council_create_and_member_add_through_the_pages(client, eval_world):
    officer = eval_world.users["province_ld"]
    client.force_login(officer)
    response = client.post(
        reverse("evaluation:council-create"),
        {
            "round": eval_world.rounds["lam_dong"].pk,
            "name": "Hội đồng chuyên ngành dược liệu",
            "establishing_decision": "99/QĐ-UBND",
            "spread_threshold": "8",
        },
    )
    council = Council.objects.get(name="Hội đồng chuyên ngành dược liệu")
    assert response["Location"] == reverse("evaluation:council-detail", args=[council.pk])
    assert council.spread_threshold == 8
    chair = eval_world.users["council_ld"]
    client.post(
        reverse("evaluation:council-member-add", args=[council.pk]), {"user": chair.pk, "role": "chair"}
    )
    assert CouncilMember.objects.get(council=council).role == "chair"
    body = client.get(reverse("evaluation:council-detail", args=[council.pk])).content.decode()
    assert "Chủ tịch hội đồng" in body
    other = make_panel(eval_world).chair
    response = client.post(
        reverse("evaluation:council-member-add", args=[council.pk]),
        {"user": other.pk, "role": "chair"},
        follow=True,
    )
    assert "mỗi hội đồng chỉ có một chủ tịch" in response.content.decode()
    member = CouncilMember.objects.get(council=council)
    client.post(reverse("evaluation:council-member-remove", args=[council.pk, member.pk]))
    assert not CouncilMember.objects.filter(council=council).exists()
    # the province officer of another province cannot open the form at all
    client.force_login(eval_world.users["province_qn"])
    response = client.post(
        reverse("evaluation:council-member-add", args=[council.pk]), {"user": chair.pk, "role": "member"}
    )
    assert response.status_code == 404


def test_council_create_page_refused_without_rounds(client, eval_world):
    client.force_login(eval_world.users["commune_dak_mil"])
    assert client.get(reverse("evaluation:council-create")).status_code == 403


def test_dossier_not_in_a_council_has_no_scoring_pages(client, panel):
    from ocop.evaluation.tests.conftest import advance_to, make_dossier

    dossier = advance_to(make_dossier(panel.world.products["dak_mil_rau"]), lifecycle.ADVISORY_REVIEW)
    client.force_login(panel.world.users["admin"])
    assert client.get(reverse("evaluation:scoring-results", args=[dossier.pk])).status_code == 404
    assert not ConflictDeclaration.objects.exists()
