"""Hypothesis-made files: random cell grids and random byte mutations never crash and never half-write."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.accounts.models import Role
from ocop.core.testing import make_user
from ocop.exchange import services
from ocop.exchange.importers.producers import ProducerImporter
from ocop.exchange.models import ImportJob
from ocop.exchange.testing import rows_from_dicts, upload, workbook_bytes
from ocop.exchange.tests.test_services import producer_row
from ocop.exchange.xlsx import FileRejected
from ocop.registry.models import Producer

HEADERS = [col.header for col in ProducerImporter.columns]
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text openpyxl can write (no control characters) with Vietnamese letters and the usual separators.
cell_text = st.text(
    alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẠẢÃĐđ0123456789 ,./-:;()#=*'\"xX"), max_size=40
)
cells = st.one_of(
    st.none(),
    cell_text,
    st.sampled_from(["Hợp tác xã", "Nữ", "Nam", "Xã Đắk Mil", "Lâm Đồng", "Có", "không", "05/03/2024"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
)


@pytest.fixture
def officer(small_map):
    return make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong)


def attempt(officer, content: bytes) -> None:
    """Upload (and confirm when clean): a clear refusal or a finished job, and all-or-nothing writes."""
    before = Producer.objects.count()
    try:
        job = services.import_upload(actor=officer, kind="producers", file=upload(content))
    except FileRejected as exc:
        message = exc.message
        assert message
        assert Producer.objects.count() == before
        return
    assert not job.unexpected, job.error
    assert job.status in ("checked", "rejected")
    assert Producer.objects.count() == before
    if job.can_commit:
        services.import_confirm(job=job, actor=officer)
        job.refresh_from_db()
        assert not job.unexpected, job.error
        assert job.status in ("done", "failed")
        expected = before + job.counts["create"] if job.status == "done" else before
        assert Producer.objects.count() == expected


@FUZZ
@given(
    headers=st.one_of(
        st.just(HEADERS),
        st.permutations(HEADERS),
        st.lists(st.one_of(st.sampled_from(HEADERS), cell_text), min_size=1, max_size=25),
    ),
    grid=st.lists(st.lists(cells, max_size=22), max_size=8),
)
def test_random_grids(officer, headers, grid):
    attempt(officer, workbook_bytes(headers, grid))


VALID = None


def valid_file() -> bytes:
    global VALID
    if VALID is None:
        VALID = workbook_bytes(*rows_from_dicts(ProducerImporter, [producer_row(n) for n in range(1, 4)]))
    return VALID


@FUZZ
@given(data=st.data())
def test_random_byte_mutations_of_a_valid_file(officer, data):
    content = bytearray(valid_file())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8), label="mutations")):
        position = data.draw(st.integers(min_value=0, max_value=len(content) - 1), label="position")
        content[position] = data.draw(st.integers(min_value=0, max_value=255), label="byte")
    cut = data.draw(st.one_of(st.none(), st.integers(min_value=0, max_value=len(content))), label="cut")
    attempt(officer, bytes(content[:cut] if cut is not None else content))


def test_no_job_is_left_running(officer):
    attempt(officer, valid_file())
    assert not ImportJob.objects.filter(status__in=["uploaded", "checking", "committing"]).exists()
