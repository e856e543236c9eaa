"""Pure registry rules: product code and workforce consistency."""

import pytest

from ocop.registry.domain import format_ocop_code, parse_ocop_code, share, workforce_problems


def test_ocop_code_has_the_legal_shape():
    code = format_ocop_code(province_code="68", commune_code="24823", serial=3, year=2026)
    assert code == "68-24823-003-2026"
    assert parse_ocop_code(code) == {"province": "68", "commune": "24823", "serial": "003", "year": "2026"}


@pytest.mark.parametrize(
    ("province", "commune", "serial", "year"),
    [("6", "24823", 1, 2026), ("68", "2482", 1, 2026), ("68", "24823", 0, 2026), ("68", "24823", 1, 2017)],
)
def test_ocop_code_rejects_bad_parts(province, commune, serial, year):
    with pytest.raises(ValueError, match=r"phải|không hợp lệ"):
        format_ocop_code(province_code=province, commune_code=commune, serial=serial, year=year)


def test_parse_rejects_other_shapes():
    assert parse_ocop_code("68-24823-3") is None


def test_workforce_boundaries():
    assert workforce_problems(total=10, local=10, trained=10) == {}
    assert set(workforce_problems(total=10, local=11, trained=11)) == {"workforce_local", "workforce_trained"}


def test_share_of_nothing_is_zero():
    assert share(0, 0) == 0.0
    assert share(2, 8) == 0.25
