"""GS1 rules: GTIN check digits (GTIN-8/12/13/14), the 14-digit form and the forms it may be stored in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.portal.domain import gtin14, gtin_check_digit, is_valid_gtin, schema_gtin_property, stored_forms

# Published examples: an EAN-13, a UPC-A (GTIN-12), an EAN-8, a GTIN-14 (GS1 General Specifications).
VALID = ["4006381333931", "036000291452", "96385074", "10614141000415", "8936000000011", "00000000000000"]


@pytest.mark.parametrize("value", VALID)
def test_published_gtins_are_valid(value):
    assert is_valid_gtin(value)


@pytest.mark.parametrize(
    "value",
    [
        "4006381333932",  # wrong check digit
        "036000291453",
        "96385075",
        "10614141000416",
        "1234567",  # 7 digits
        "123456789",  # 9 digits
        "12345678901",  # 11 digits
        "123456789012345",  # 15 digits
        "",
        None,
        "40063813339 1",
        "4006381333a31",
        "４００６３８１３３３９３１",  # full-width digits
        "٤٠٠٦٣٨١٣٣٣٩٣١",  # Arabic-Indic digits
    ],
)
def test_wrong_check_digit_length_or_characters_are_invalid(value):
    assert not is_valid_gtin(value)
    assert gtin14(value) is None


def test_check_digit_boundaries():
    assert gtin_check_digit("0000000") == 0
    assert gtin_check_digit("400638133393") == 1
    assert gtin_check_digit("893600000001") == 1
    assert gtin_check_digit("1") == 7  # 1×3 = 3 → 7


def test_padding_to_fourteen_digits_keeps_the_check_digit():
    assert gtin14("96385074") == "00000096385074"
    assert gtin14("036000291452") == "00036000291452"
    assert gtin14("4006381333931") == "04006381333931"
    assert gtin14("10614141000415") == "10614141000415"
    assert is_valid_gtin(gtin14("96385074"))


def test_stored_forms_are_the_shorter_gtins_a_fourteen_digit_one_pads():
    assert stored_forms("00000096385074") == ["00000096385074", "0000096385074", "000096385074", "96385074"]
    assert stored_forms("04006381333931") == ["04006381333931", "4006381333931"]
    assert stored_forms("10614141000415") == ["10614141000415"]


def test_schema_property_by_length():
    assert schema_gtin_property("96385074") == "gtin8"
    assert schema_gtin_property("036000291452") == "gtin12"
    assert schema_gtin_property("4006381333931") == "gtin13"
    assert schema_gtin_property("10614141000415") == "gtin14"
    assert schema_gtin_property("4006381333932") is None
    assert schema_gtin_property("") is None


@given(
    st.text(alphabet="0123456789", min_size=7, max_size=13).filter(lambda s: len(s) + 1 in (8, 12, 13, 14))
)
def test_any_body_with_its_check_digit_is_valid_and_one_other_digit_is_not(body):
    value = body + str(gtin_check_digit(body))
    assert is_valid_gtin(value)
    assert gtin14(value).endswith(value)
    wrong = body + str((gtin_check_digit(body) + 1) % 10)
    assert not is_valid_gtin(wrong)
