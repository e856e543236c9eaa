"""Cell conversion without a database: dates, Vietnamese numbers, choices, yes/no, GTIN check digits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.exchange.cells import convert, gtin_check_digit
from ocop.exchange.importers.base import Column

DATE = Column("d", "Ngày", kind="date")
INT = Column("n", "Số", kind="int")
DEC = Column("x", "Số tiền", kind="decimal")
BOOL = Column("b", "Có/không", kind="bool")
GTIN = Column("g", "GTIN", kind="gtin")
TEXT = Column("t", "Tên", max_length=10)
CHOICE = Column("c", "Loại hình", kind="choice", choices=(("htx", "Hợp tác xã"), ("tht", "Tổ hợp tác")))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("05/03/2024", dt.date(2024, 3, 5)),
        ("5-3-2024", dt.date(2024, 3, 5)),
        ("05.03.2024", dt.date(2024, 3, 5)),
        ("2024-03-05", dt.date(2024, 3, 5)),
        (dt.datetime(2024, 3, 5, 0, 0), dt.date(2024, 3, 5)),
        (45356, dt.date(2024, 3, 5)),  # an Excel serial typed into a cell not formatted as a date
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_dates_in_every_usual_form(raw, expected):
    assert convert(raw, DATE) == (expected, "")


@pytest.mark.parametrize("raw", ["29/02/2023", "31/04/2024", "00/01/2024"])
def test_impossible_days_are_refused(raw):
    value, message = convert(raw, DATE)
    assert value is None
    assert "không có trên lịch" in message


@pytest.mark.parametrize("raw", ["tháng 3", "03/2024", "5/3/24", -1, 0])
def test_unreadable_dates_say_the_expected_form(raw):
    value, message = convert(raw, DATE)
    assert value is None
    assert "ngày/tháng/năm" in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(12, 12), (12.0, 12), ("1.234", 1234), ("1 234", 1234), ("1.234.567", 1234567), ("-3", -3)],
)
def test_integers_with_vietnamese_thousands(raw, expected):
    assert convert(raw, INT) == (expected, "")


@pytest.mark.parametrize("raw", [12.5, "12,5", "abc", True, "1e400"])
def test_not_integers(raw):
    assert convert(raw, INT)[0] is None
    assert convert(raw, INT)[1]


@pytest.mark.parametrize(
    ("raw", "expected"), [("12,5", "12.5"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"), (3, "3")]
)
def test_decimals(raw, expected):
    assert convert(raw, DEC) == (Decimal(expected), "")


@pytest.mark.parametrize(
    ("raw", "expected"), [("Có", True), ("co", True), ("x", True), ("Không", False), (0, False)]
)
def test_yes_no(raw, expected):
    assert convert(raw, BOOL) == (expected, "")


def test_choice_by_label_or_value_ignoring_accents_and_case():
    assert convert("hop tac xa", CHOICE) == ("htx", "")
    assert convert("THT", CHOICE) == ("tht", "")
    value, message = convert("Doanh nghiệp", CHOICE)
    assert value is None
    assert "Hợp tác xã; Tổ hợp tác" in message


def test_text_limit_boundary():
    assert convert("a" * 10, TEXT) == ("a" * 10, "")
    assert convert("a" * 11, TEXT)[1].startswith("Nội dung dài 11 ký tự")


def test_text_is_nfc_and_numbers_lose_the_point_zero():
    assert convert("Cha\u0300  Shan", Column("t", "T")) == ("Chà Shan", "")
    assert convert(5800123456.0, Column("t", "T")) == ("5800123456", "")


@pytest.mark.parametrize("code", ["4006381333931", "96385074", "036000291452", "10012345678902"])
def test_valid_gtins_of_every_length(code):
    assert convert(code, GTIN) == (code, "")


@pytest.mark.parametrize("code", ["4006381333932", "1234567", "123456789012345", "4006381333A31"])
def test_invalid_gtins(code):
    value, message = convert(code, GTIN)
    assert value is None
    assert "GTIN" in message


@given(st.text(alphabet="0123456789", min_size=7, max_size=13))
def test_the_check_digit_makes_any_body_valid(body):
    code = body + str(gtin_check_digit(body))
    if len(code) in (8, 12, 13, 14):
        assert convert(code, GTIN) == (code, "")


def test_excel_error_values_are_reported():
    assert "lỗi công thức" in convert("#REF!", Column("t", "T"))[1]


@given(
    st.one_of(st.none(), st.text(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.datetimes())
)
def test_any_cell_converts_or_gives_a_reason(raw):
    for column in (DATE, INT, DEC, BOOL, GTIN, TEXT, CHOICE):
        value, message = convert(raw, column)
        assert value is None or not message
