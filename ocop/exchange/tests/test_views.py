"""Pages of the exchange: who gets in, upload → preview → confirm, errors file, template, background path."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ocop.accounts.models import Role
from ocop.core.testing import make_user
from ocop.exchange.importers.producers import ProducerImporter
from ocop.exchange.models import ImportJob
from ocop.exchange.testing import rows_from_dicts, upload, workbook_bytes
from ocop.exchange.tests.test_services import producer_row
from ocop.registry.models import Producer


def producers_upload(records, name="chu-the.xlsx"):
    headers, rows = rows_from_dicts(ProducerImporter, records)
    return upload(workbook_bytes(headers, rows), name)


@pytest.fixture
def officer(small_map):
    return make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def post_file(client, file, kind="producers"):
    return client.post(reverse("exchange:upload"), {"kind": kind, "file": file})


def test_anonymous_is_sent_to_login(client, small_map):
    for url in (reverse("exchange:index"), reverse("exchange:template", args=["producers"])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "dang-nhap" in response["Location"]


@pytest.mark.parametrize("role", [Role.PRODUCER, Role.COUNCIL])
def test_accounts_that_cannot_import_get_403(client, small_map, role):
    client.force_login(make_user(role=role, scope_unit=small_map.lam_dong if role == Role.COUNCIL else None))
    assert client.get(reverse("exchange:index")).status_code == 403
    assert post_file(client, producers_upload([producer_row(1)])).status_code == 403
    assert ImportJob.objects.count() == 0


def test_upload_preview_confirm_creates_producers(officer_client):
    response = post_file(officer_client, producers_upload([producer_row(1), producer_row(2)]))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    page = officer_client.get(job.get_absolute_url()).content.decode()
    assert "Hợp tác xã Chè số 1" in page
    assert "Xác nhận ghi toàn bộ" in page
    assert "disabled" not in page.split("Xác nhận ghi toàn bộ")[0].rsplit("<button", 1)[1]
    response = officer_client.post(reverse("exchange:job-confirm", args=[job.pk]))
    assert response.status_code == 302
    assert Producer.objects.count() == 2
    done = officer_client.get(job.get_absolute_url()).content.decode()
    assert "Đã ghi toàn bộ dữ liệu của tệp." in done
    assert reverse("registry:producer-list") in done


def test_preview_with_errors_disables_confirm_and_filters_error_rows(officer_client):
    post_file(
        officer_client, producers_upload([producer_row(1), producer_row(2, legal_rep_gender="Không rõ")])
    )
    job = ImportJob.objects.get()
    page = officer_client.get(job.get_absolute_url()).content.decode()
    assert "Có 1 dòng lỗi" in page
    assert 'disabled aria-disabled="true"' in page
    errors_only = officer_client.get(job.get_absolute_url() + "?loi=1").content.decode()
    assert "Hợp tác xã Chè số 2" in errors_only
    assert "Hợp tác xã Chè số 1" not in errors_only
    officer_client.post(reverse("exchange:job-confirm", args=[job.pk]))
    assert Producer.objects.count() == 0


def test_errors_file_has_the_rows_and_a_loi_column(officer_client):
    post_file(officer_client, producers_upload([producer_row(1), producer_row(2, workforce_local=99)]))
    job = ImportJob.objects.get()
    response = officer_client.get(reverse("exchange:job-errors", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Dòng"
    assert rows[0][-1] == "Lỗi"
    assert rows[1][-1] in (None, "")
    assert "Lao động địa phương" in rows[2][-1]


def test_bad_file_gets_one_message_on_the_index_and_no_job(officer_client):
    response = post_file(officer_client, upload(b"ten,ma\nA,1\n", "chu-the.xlsx"))
    assert response.status_code == 400
    assert "CSV" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_template_has_headers_instructions_and_dropdowns(officer_client):
    response = officer_client.get(reverse("exchange:template", args=["producers"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Dữ liệu", "Danh mục", "Hướng dẫn"]
    data = workbook["Dữ liệu"]
    assert [c.value for c in data[1]][:3] == ["Tên chủ thể", "Loại hình", "Mã số ĐKKD"]
    assert data.freeze_panes == "A2"
    assert workbook["Danh mục"].sheet_state == "hidden"
    formulas = [dv.formula1 for dv in data.data_validations.dataValidation]
    assert any("Danh mục" in f for f in formulas)
    assert workbook["Danh mục"]["A2"].value == "Hợp tác xã"


def test_blank_template_uploaded_as_is_says_there_are_no_rows(officer_client):
    template = officer_client.get(reverse("exchange:template", args=["producers"])).content
    response = post_file(officer_client, upload(template))
    assert "chưa có dòng dữ liệu nào" in response.content.decode()


def test_officer_of_another_province_cannot_open_the_job(officer_client, small_map, client):
    post_file(officer_client, producers_upload([producer_row(1)]))
    job = ImportJob.objects.get()
    other = make_user(role=Role.PROVINCE, scope_unit=small_map.quang_ngai)
    officer_client.logout()
    client.force_login(other)
    for name in ("exchange:job-detail", "exchange:job-progress", "exchange:job-errors"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("exchange:job-confirm", args=[job.pk])).status_code == 404
    assert job.original_name not in client.get(reverse("exchange:index")).content.decode()
    assert Producer.objects.count() == 0


def test_commune_officer_inside_the_province_sees_but_cannot_confirm(officer_client, small_map, client):
    post_file(officer_client, producers_upload([producer_row(1)]))
    job = ImportJob.objects.get()
    commune_officer = make_user(role=Role.COMMUNE, scope_unit=small_map.communes["dak_mil"])
    client.force_login(commune_officer)
    # The job belongs to the province: a commune officer (a smaller area) does not see it.
    assert client.get(job.get_absolute_url()).status_code == 404
    central = make_user(role=Role.CENTRAL)
    client.force_login(central)
    assert client.get(job.get_absolute_url()).status_code == 200
    client.post(reverse("exchange:job-confirm", args=[job.pk]))
    assert Producer.objects.count() == 0


def test_large_file_is_checked_and_committed_in_the_background(
    officer_client, settings, django_capture_on_commit_callbacks
):
    settings.OCOP_IMPORT_BACKGROUND_ROWS = 2
    with django_capture_on_commit_callbacks(execute=True):
        post_file(officer_client, producers_upload([producer_row(n) for n in range(1, 5)]))
    job = ImportJob.objects.get()
    assert job.background
    assert job.status == "checked"
    assert job.counts["create"] == 4
    progress = officer_client.get(reverse("exchange:job-progress", args=[job.pk]))
    assert progress["HX-Refresh"] == "true"
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reverse("exchange:job-confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert Producer.objects.count() == 4


def test_running_job_page_polls_every_two_seconds(officer_client, settings):
    settings.OCOP_IMPORT_BACKGROUND_ROWS = 2
    post_file(officer_client, producers_upload([producer_row(n) for n in range(1, 5)]))  # task not run yet
    job = ImportJob.objects.get()
    assert job.status == "uploaded"
    fragment = officer_client.get(reverse("exchange:job-progress", args=[job.pk]))
    assert 'hx-trigger="every 2s"' in fragment.content.decode()
    assert "HX-Refresh" not in fragment


def test_index_lists_recent_jobs_with_bounded_queries(officer_client, django_assert_max_num_queries):
    for n in range(3):
        post_file(officer_client, producers_upload([producer_row(n + 1)], name=f"tep-{n}.xlsx"))
    with django_assert_max_num_queries(8):
        page = officer_client.get(reverse("exchange:index")).content.decode()
    assert all(f"tep-{n}.xlsx" in page for n in range(3))
