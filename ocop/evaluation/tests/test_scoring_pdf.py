"""The member's score-sheet PDF: Vietnamese text survives, the legal layout's parts are there, the QR leads
to the dossier, and others' sheets follow the same visibility as the pages."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ocop.evaluation.models import ScoreSheet
from ocop.evaluation.pdf import qr_data_uri, score_sheet_pdf, sheet_context
from ocop.evaluation.tests.test_scoring_services import Panel, make_panel, score, to_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(eval_world) -> Panel:
    return make_panel(eval_world)


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_carries_vietnamese_text_and_the_total(client, panel):
    dossier = to_council(panel, "dak_mil")  # set 18, "Sâm dây Ngọc Linh dak_mil", with a story
    sheet = score(panel.members[0], dossier, 83)
    client.force_login(panel.members[0])
    response = client.get(reverse("evaluation:scoring-my-pdf", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _text(response.content)
    assert "Sâm dây Ngọc Linh dak_mil" in text
    assert "PHIẾU ĐÁNH GIÁ SẢN PHẨM OCOP" in text
    assert dossier.registration_number in text
    assert dossier.producer.name in text
    assert "Trần Thị Bình" in text  # the member, above the signature line
    assert "NGƯỜI ĐÁNH GIÁ" in text
    assert "TỔNG ĐIỂM" in text
    assert "83" in text.split()
    criterion = next(iter(dossier.rubric.sheet.criteria()))
    chosen = criterion.options[sheet.lines.get(criterion_code=criterion.code).option_index]
    assert chosen.text.split()[0] in text
    assert "BẢN NHÁP" not in text


def test_draft_pdf_is_marked_and_shows_not_applicable_rows(client, panel):
    dossier = to_council(panel)  # set 1 without a story: 5.2 does not apply
    score(panel.members[0], dossier, 60, submit=False)
    client.force_login(panel.members[0])
    text = _text(client.get(reverse("evaluation:scoring-my-pdf", args=[dossier.pk])).content)
    assert "BẢN NHÁP" in text
    assert "Không áp dụng" in text
    assert "Bơ sáp Đắk Mil" in text


def test_qr_points_to_the_dossier(panel):
    dossier = to_council(panel)
    sheet = score(panel.members[0], dossier, 60)
    url = "http://testserver" + dossier.get_absolute_url()
    context = sheet_context(ScoreSheet.objects.get(pk=sheet.pk), dossier_url=url)
    assert context["dossier_url"] == url
    assert context["qr"] == qr_data_uri(url)
    assert context["qr"].startswith("data:image/png;base64,")
    assert score_sheet_pdf(sheet, dossier_url=url).startswith(b"%PDF")


def test_others_pdf_follows_visibility(client, panel):
    dossier = to_council(panel)
    first = score(panel.members[0], dossier, 60)
    url = reverse("evaluation:scoring-sheet-pdf", args=[first.pk])
    client.force_login(panel.members[1])
    assert client.get(url).status_code == 403  # a seat, but no sheet of their own submitted yet
    score(panel.members[1], dossier, 62, submit=False)
    assert client.get(url).status_code == 403
    client.force_login(panel.world.users["producer_dak_mil"])
    assert client.get(url).status_code == 404
    client.force_login(panel.members[0])
    draft = ScoreSheet.objects.get(member__user=panel.members[1])
    assert client.get(reverse("evaluation:scoring-sheet-pdf", args=[draft.pk])).status_code == 404
    assert client.get(url).status_code == 200
