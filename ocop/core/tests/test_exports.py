"""The shared export helper: CSV with BOM and dd/mm/yyyy, xlsx with real numbers, dates and a header."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import RequestFactory, override_settings

from ocop.core.exports import (
    col,
    csv_response,
    export_format,
    export_response,
    file_name,
    xlsx_response,
)
from ocop.core.tests.exports_support import csv_rows, xlsx_rows, xlsx_sheet

COLUMNS = [
    col("Tên chủ thể", "name"),
    col("Số lao động", "workers", "int"),
    col("Kinh phí", "money", "money"),
    col("Ngày tham gia", "joined", "date"),
    col("Tỉnh", "place.name"),
]
ROWS = [
    SimpleNamespace(
        name="HTX Nông nghiệp Đắk Mil",
        workers=12,
        money=1_500_000,
        joined=dt.date(2026, 3, 9),
        place=SimpleNamespace(name="Lâm Đồng"),
    ),
    SimpleNamespace(name="Hộ bà Ánh", workers=0, money=None, joined=None, place=None),
]


def test_csv_has_bom_vietnamese_header_and_dates_dd_mm_yyyy():
    response = csv_response(rows=ROWS, columns=COLUMNS, name="chu-the")
    rows = csv_rows(response)
    assert rows[0] == ["Tên chủ thể", "Số lao động", "Kinh phí", "Ngày tham gia", "Tỉnh"]
    assert rows[1] == ["HTX Nông nghiệp Đắk Mil", "12", "1500000", "09/03/2026", "Lâm Đồng"]
    assert rows[2] == ["Hộ bà Ánh", "0", "", "", ""]
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_csv_is_streamed_and_reads_rows_lazily():
    seen = []

    def rows():
        for row in ROWS:
            seen.append(row)
            yield row

    response = csv_response(rows=rows(), columns=COLUMNS, name="chu-the")
    assert seen == []
    next(iter(response.streaming_content))
    assert len(seen) == 0  # the header comes before any row is read


def test_xlsx_keeps_numbers_dates_and_a_bold_frozen_header():
    response = xlsx_response(rows=ROWS, columns=COLUMNS, name="chu-the")
    sheet = xlsx_sheet(response)
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Tên chủ thể", "Số lao động", "Kinh phí", "Ngày tham gia", "Tỉnh")
    assert values[1] == ("HTX Nông nghiệp Đắk Mil", 12, 1_500_000, dt.datetime(2026, 3, 9), "Lâm Đồng")
    assert values[2] == ("Hộ bà Ánh", 0, None, None, None)
    assert sheet["A1"].font.b is True
    assert sheet["A2"].font.b is not True
    assert sheet.freeze_panes == "A2"
    assert sheet["D2"].number_format == "dd/mm/yyyy"
    assert sheet["D2"].is_date
    assert sheet["C2"].number_format == "#,##0"
    assert sheet.column_dimensions["A"].width == 30
    assert sheet.column_dimensions["D"].width == 12


def test_xlsx_of_no_rows_is_only_the_header():
    assert xlsx_rows(xlsx_response(rows=[], columns=COLUMNS, name="x")) == [
        ("Tên chủ thể", "Số lao động", "Kinh phí", "Ngày tham gia", "Tỉnh")
    ]


@override_settings(TIME_ZONE="Asia/Ho_Chi_Minh", USE_TZ=True)
def test_an_aware_datetime_is_exported_as_the_local_date():
    late = dt.datetime(2026, 12, 1, 18, 30, tzinfo=dt.UTC)  # 01:30 on 2 December in Việt Nam
    rows = csv_rows(
        csv_response(rows=[SimpleNamespace(t=late)], columns=[col("Ngày", "t", "date")], name="x")
    )
    assert rows[1] == ["02/12/2026"]


def test_file_names_carry_the_slug_and_the_date():
    assert file_name("chu-the", "xlsx", dt.date(2026, 12, 2)) == "chu-the-2026-12-02.xlsx"
    response = xlsx_response(rows=[], columns=COLUMNS, name="chu-the")
    assert 'filename="chu-the-' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Disposition"].endswith('.xlsx"')
    csv_disposition = csv_response(rows=[], columns=COLUMNS, name="san-pham")["Content-Disposition"]
    assert csv_disposition.startswith('attachment; filename="san-pham-')


@pytest.mark.parametrize(
    ("query", "expected"), [("", None), ("export=csv", "csv"), ("export=xlsx", "xlsx"), ("export=pdf", None)]
)
def test_export_format_reads_only_known_formats(query, expected):
    assert export_format(RequestFactory().get(f"/x/?{query}")) == expected


def test_export_response_picks_the_format():
    assert export_response("csv", rows=[], columns=COLUMNS, name="x").streaming
    assert "spreadsheetml" in export_response("xlsx", rows=[], columns=COLUMNS, name="x")["Content-Type"]


def test_export_links_keep_the_filters_and_drop_the_page():
    from django.template.loader import render_to_string

    request = RequestFactory().get("/registry/producers/?q=s%C3%A2m&kind=htx&page=3")
    html = render_to_string("core/_export_links.html", request=request)
    assert "/registry/producers/?q=s%C3%A2m&amp;kind=htx&amp;export=xlsx" in html
    assert "/registry/producers/?q=s%C3%A2m&amp;kind=htx&amp;export=csv" in html
    assert "page=3" not in html
    assert "Tải Excel" in html
    assert "Tải CSV" in html
