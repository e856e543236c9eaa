"""Files that cannot be imported each get one clear message and write nothing; odd cells get row errors."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pytest
from openpyxl import Workbook

from ocop.accounts.models import Role
from ocop.core.testing import make_user
from ocop.exchange import services
from ocop.exchange.importers.producers import ProducerImporter
from ocop.exchange.models import ImportJob
from ocop.exchange.testing import rows_from_dicts, upload, workbook_bytes
from ocop.exchange.tests.test_services import producer_row
from ocop.exchange.xlsx import FileRejected
from ocop.registry.models import Producer

HEADERS, _ = rows_from_dicts(ProducerImporter, [])


@pytest.fixture
def officer(small_map):
    return make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong)


def good_rows(count=1):
    return rows_from_dicts(ProducerImporter, [producer_row(n) for n in range(1, count + 1)])[1]


def rejected(officer, content: bytes, name="du-lieu.xlsx") -> str:
    with pytest.raises(FileRejected) as info:
        services.import_upload(actor=officer, kind="producers", file=upload(content, name))
    assert ImportJob.objects.count() == 0
    assert Producer.objects.count() == 0
    return info.value.message


def job_of(officer, content: bytes) -> ImportJob:
    job = services.import_upload(actor=officer, kind="producers", file=upload(content))
    assert Producer.objects.count() == 0
    return job


def test_empty_file(officer):
    assert "Tệp rỗng" in rejected(officer, b"")


def test_random_bytes(officer):
    assert "không phải tệp Excel" in rejected(officer, os.urandom(3000).replace(b",", b"").replace(b";", b""))


def test_csv_renamed_xlsx(officer):
    assert "CSV" in rejected(officer, "Tên chủ thể,Loại hình\nHTX A,Hợp tác xã\n".encode())


def test_old_xls_file(officer):
    assert "Excel 97–2003 (.xls)" in rejected(officer, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_password_protected_file(officer):
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    assert "mật khẩu" in rejected(officer, content)


def test_zip_that_is_not_a_workbook(officer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "không phải bảng tính" in rejected(officer, buffer.getvalue())


def test_truncated_workbook(officer):
    content = workbook_bytes(HEADERS, good_rows())
    assert "bị hỏng" in rejected(officer, content[: len(content) // 2])


def test_workbook_without_the_headers(officer):
    message = rejected(officer, workbook_bytes(["Cột 1", "Cột 2"], [["a", "b"]]))
    assert "Không tìm thấy dòng tiêu đề" in message
    assert "“Tên chủ thể”" in message


def test_missing_required_and_unknown_headers_with_the_closest(officer):
    headers = [h for h in HEADERS if h != "Địa chỉ"] + ["Dia chi cu"]
    message = rejected(officer, workbook_bytes(headers, [["x"] * len(headers)]))
    assert "Thiếu cột bắt buộc: “Địa chỉ”" in message
    assert "Cột “Dia chi cu” không có trong mẫu (có phải “Địa chỉ”?)" in message


def test_repeated_header(officer):
    message = rejected(officer, workbook_bytes([*HEADERS, "Tên chủ thể"], good_rows()))
    assert "Cột bị lặp: “Tên chủ thể”" in message


def test_merged_cells_in_the_data(officer):
    message = rejected(officer, workbook_bytes(HEADERS, good_rows(3), merge="A3:A4"))
    assert "ô gộp" in message
    assert "A3:A4" in message


def test_a_merged_title_above_the_headers_is_fine(officer):
    content = workbook_bytes(
        HEADERS, good_rows(2), title_rows=[["DANH SÁCH CHỦ THỂ OCOP NĂM 2026"], []], merge="A1:F1"
    )
    job = job_of(officer, content)
    assert job.status == "checked", job.error
    assert [r["row"] for r in job.results] == [4, 5]  # rows numbered as Excel shows them


def test_only_headers(officer):
    assert "chưa có dòng dữ liệu nào" in rejected(officer, workbook_bytes(HEADERS))


def test_too_many_rows(officer, settings):
    settings.OCOP_IMPORT_MAX_ROWS = 3
    assert job_of(officer, workbook_bytes(HEADERS, good_rows(3))).status == "checked"
    ImportJob.objects.all().delete()
    assert "hơn 3 dòng" in rejected(officer, workbook_bytes(HEADERS, good_rows(4)))


def test_too_big(officer, settings):
    settings.OCOP_IMPORT_MAX_BYTES = 1000
    assert "vượt quá giới hạn" in rejected(officer, workbook_bytes(HEADERS, good_rows()))


def test_empty_rows_are_skipped(officer):
    rows = good_rows(2)
    job = job_of(officer, workbook_bytes(HEADERS, [rows[0], [None] * len(HEADERS), ["  "] * 3, rows[1]]))
    assert [r["row"] for r in job.results] == [2, 5]


def test_a_formula_without_a_computed_value(officer):
    rows = good_rows()
    rows[0][HEADERS.index("Tổng số lao động")] = "=10+10"
    job = job_of(officer, workbook_bytes(HEADERS, rows))
    (row,) = job.results
    assert row["action"] == "error"
    assert row["errors"][0]["column"] == "Tổng số lao động"
    assert "công thức" in row["errors"][0]["message"]
    assert "Paste Values" in row["errors"][0]["suggestion"]


def test_dates_as_text_and_as_excel_dates(officer):
    rows = good_rows(3)
    index = HEADERS.index("Ngày tham gia chương trình")
    rows[0][index] = dt.datetime(2024, 3, 5)
    rows[1][index] = "5/3/2024"
    rows[2][index] = "31/02/2024"
    job = job_of(officer, workbook_bytes(HEADERS, rows))
    assert [r["action"] for r in job.results] == ["create", "create", "error"]
    assert job.results[0]["data"]["fields"]["joined_on"] == "2024-03-05"
    assert job.results[1]["data"]["fields"]["joined_on"] == "2024-03-05"
    assert "không có trên lịch" in job.results[2]["errors"][0]["message"]


def test_huge_strings(officer):
    rows = good_rows()
    rows[0][HEADERS.index("Tên chủ thể")] = "Hợp tác xã " * 3000
    job = job_of(officer, workbook_bytes(HEADERS, rows))
    (row,) = job.results
    assert row["errors"][0]["column"] == "Tên chủ thể"
    assert "vượt quá 255 ký tự" in row["errors"][0]["message"]


def test_headers_without_accents_and_another_sheet_order(officer):
    workbook = Workbook()
    workbook.active.title = "Ghi chú"
    sheet = workbook.create_sheet("Du lieu")
    sheet.append(["STT", *(h.upper() for h in HEADERS)])
    sheet.append([1, *good_rows()[0]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = job_of(officer, buffer.getvalue())
    assert job.counts["create"] == 1, job.results
