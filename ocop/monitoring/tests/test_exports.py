"""Exports of the progress report: Excel (two sheets, numbers as numbers, dates as dates, Vietnamese
headers, widths) and PDF (A4 landscape, Vietnamese text), live and from an issued report's frozen rows."""

import datetime as dt
import io
import unicodedata

import openpyxl
import pypdf
import pytest
from django.urls import reverse

from ocop.monitoring import services
from ocop.monitoring.exports.progress import frozen_progress
from ocop.monitoring.tests.plan_fixtures import certified_product
from ocop.monitoring.tests.test_views import build_dash, login

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def dash(taxonomy):
    return build_dash()


def workbook(response) -> openpyxl.Workbook:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows_after_header(ws, header: str) -> tuple[list, list[list]]:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r and r[0] == header)
    return rows[at], rows[at + 1 :]


def pdf_text(body: bytes) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split()), reader  # table cells wrap


@pytest.mark.django_db
def test_live_progress_as_xlsx(client, dash):
    login(client, dash.users["province"])
    response = client.get(
        reverse("monitoring:plan-export-xlsx", args=[dash.plan.pk]), {"as_of": "31/12/2023"}
    )
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="tien-do-653-kh-ubnd-tinh-dak-nong-31-12-2023.xlsx"'
    )
    wb = workbook(response)
    assert wb.sheetnames == ["Chỉ tiêu", "Theo đơn vị"]
    targets = wb["Chỉ tiêu"]
    assert targets["A1"].value == "Tiến độ thực hiện kế hoạch 653/KH-UBND"
    header, rows = rows_after_header(targets, "STT")
    assert header[:4] == ["STT", "Mã", "Chỉ tiêu", "Chỉ số"]
    col = {name: header.index(name) for name in header}
    first = rows[0]
    assert first[col["Thực hiện"]] == 3
    assert isinstance(first[col["Thực hiện"]], int)
    assert first[col["Giá trị chỉ tiêu"]] == 5
    assert first[col["Đạt so với chỉ tiêu (%)"]] == 60
    assert first[col["Tình trạng"]] == "Đúng tiến độ"
    assert first[col["Đến ngày (thời hạn)"]] == dt.datetime(2025, 12, 31)
    date_cell = targets.cell(row=targets.max_row - len(rows) + 1, column=col["Từ ngày"] + 1)
    assert date_cell.number_format == "DD/MM/YYYY"
    assert len(rows) == 1 + 5 + 1  # one period, five years, one period
    per_child = rows[-1]
    assert per_child[col["Số đơn vị đạt"]] == 1
    assert per_child[col["Số đơn vị cấp dưới"]] == 2
    assert targets.column_dimensions["C"].width == 60
    header, breakdown = rows_after_header(wb["Theo đơn vị"], "STT chỉ tiêu")
    units = {r[2] for r in breakdown}
    assert units == {"Thành phố Gia Nghĩa", "Huyện Đắk Mil"}
    assert len(breakdown) == 2 * 7


@pytest.mark.django_db
def test_xlsx_follows_the_map_and_the_unit(client, dash):
    login(client, dash.users["province"])
    url = reverse("monitoring:plan-export-xlsx", args=[dash.plan.pk])
    current = workbook(client.get(url, {"as_of": "31/12/2023", "grouping": "current"}))
    _header, breakdown = rows_after_header(current["Theo đơn vị"], "STT chỉ tiêu")
    assert {r[2] for r in breakdown} == {"Phường Bắc Gia Nghĩa", "Xã Đắk Mil"}
    district = workbook(client.get(url, {"as_of": "31/12/2023", "unit": dash["DM"].pk}))
    header, rows = rows_after_header(district["Chỉ tiêu"], "STT")
    assert rows[0][header.index("Thực hiện")] == 2
    assert client.get(url, {"unit": dash["ls"].pk}).status_code == 404


@pytest.mark.django_db
def test_live_progress_as_pdf(client, dash):
    login(client, dash.users["province"])
    response = client.get(reverse("monitoring:plan-export-pdf", args=[dash.plan.pk]), {"as_of": "31/12/2023"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text, reader = pdf_text(response.content)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert round(float(box.width) / 72 * 25.4) == 297
    assert "Tiến độ thực hiện kế hoạch 653/KH-UBND" in text
    assert "Có ít nhất 5 sản phẩm OCOP còn hiệu lực" in text
    assert "Đúng tiến độ" in text
    assert "Huyện Đắk Mil" in text
    assert "31/12/2023" in text


@pytest.mark.django_db
def test_issued_report_exports_its_frozen_values(client, dash):
    report = services.report_issue(actor=dash.world.admin, plan=dash.plan, as_of=dt.date(2023, 12, 31))
    certified_product(dash.world, dash["bgn"], star=3, on=dt.date(2023, 6, 1))  # after issuing
    login(client, dash.users["province"])
    wb = workbook(client.get(reverse("monitoring:report-export-xlsx", args=[report.pk])))
    header, rows = rows_after_header(wb["Chỉ tiêu"], "STT")
    assert rows[0][header.index("Thực hiện")] == 3
    assert any("số liệu cố định" in str(r[0]) for r in wb["Chỉ tiêu"].iter_rows(values_only=True) if r[0])
    live = workbook(
        client.get(reverse("monitoring:plan-export-xlsx", args=[dash.plan.pk]), {"as_of": "31/12/2023"})
    )
    header, rows = rows_after_header(live["Chỉ tiêu"], "STT")
    assert rows[0][header.index("Thực hiện")] == 4
    response = client.get(reverse("monitoring:report-export-pdf", args=[report.pk]))
    text, _reader = pdf_text(response.content)
    assert report.title in text


@pytest.mark.django_db
def test_exports_are_scoped(client, dash):
    report = services.report_issue(actor=dash.world.admin, plan=dash.plan, as_of=dt.date(2023, 12, 31))
    login(client, dash.users["outside"])
    for name, pk in (
        ("monitoring:plan-export-xlsx", dash.plan.pk),
        ("monitoring:plan-export-pdf", dash.plan.pk),
        ("monitoring:report-export-xlsx", report.pk),
        ("monitoring:report-export-pdf", report.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404


@pytest.mark.django_db
def test_an_issued_report_keeps_the_targets_as_they_were_worded(client, dash):
    report = services.report_issue(actor=dash.world.admin, plan=dash.plan, as_of=dt.date(2023, 12, 31))
    target = dash.plan.targets.order_by("position", "pk").first()
    old_title, old_value = target.title, target.value
    services.target_update(
        actor=dash.world.admin, target=target, title="Chỉ tiêu đã sửa", value=old_value + 7
    )
    frozen = frozen_progress(report)
    first = frozen.targets[0].target
    assert (first.title, first.value) == (old_title, old_value)
    login(client, dash.users["province"])
    body = client.get(reverse("monitoring:report-detail", args=[report.pk])).content.decode()
    assert old_title in body
    assert "Chỉ tiêu đã sửa" not in body
