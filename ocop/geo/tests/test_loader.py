"""The loader on small in-memory files: reading rules, malformed rows, idempotent refresh."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.geo.domain import MAP_2025, MAP_PRE_2025, REFORM_DATE
from ocop.geo.loader import LoadError, build_plan, load_admin_units
from ocop.geo.loader.cells import read_rows, split_kind, split_name_code
from ocop.geo.loader.notes import Basis, compact, read_note, succession_kind
from ocop.geo.models import AdminUnit, Succession
from ocop.geo.tests import snippets

# -- pure reading rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "basis"),
    [
        ("Nhập toàn bộ", Basis.WHOLE),
        ("Nhập toàn bộ diện tích", Basis.WHOLE),
        ('"Nhập toàn bộ"', Basis.WHOLE),
        ("Sắp xếp toàn bộ huyện Côn Đảo thành đặc khu Côn Đảo", Basis.WHOLE),
        ("Sắp xếp toàn bộ xã Thổ Châu thành đặc khu Thổ Châu", Basis.WHOLE),
        ("Nhập một phần", Basis.PART),
        ("Nhập một phần ", Basis.PART),
        ("Nhập một phần\n", Basis.PART),
        ("Nhập một  phần", Basis.PART),
        ("Nhập một phần  diện tích", Basis.PART),
        ("Nhâp một phần diện tích", Basis.PART),
        ("Nhập một phần dân số", Basis.PART),
        ("Nhập một phần diện tích, toàn bộ dân số", Basis.PART),
        ("Phần còn lại sau khi tách một phần vào xã Canh Vinh", Basis.PART),
        ("Đổi tên từ một phần Phường 15", Basis.PART),
        ("Đổi tên, đổi loại hình từ một phần thị trấn Lai Uyên", Basis.PART),
        ("Giữ nguyên", Basis.KEPT),
        ("Giữ nguyên ", Basis.KEPT),
        ("Đổi tên", Basis.RENAMED),
        ("Đổi loại hình", Basis.RENAMED),
        ("", Basis.BLANK),
        (" \n ", Basis.BLANK),
        ('""', Basis.BLANK),
        (None, Basis.BLANK),
        ("Chia tách", None),
    ],
)
def test_read_note(note, basis):
    assert read_note(note) is basis


def test_compact_ignores_marks_spaces_quotes_and_line_breaks():
    assert compact('Nhâp một  phần\n"') == "nhapmotphan"


@pytest.mark.parametrize(
    ("basis", "sole_source", "sole_successor", "same_name", "kind"),
    [
        (Basis.PART, True, True, True, "merged_part"),
        (Basis.KEPT, True, True, True, "kept"),
        (Basis.KEPT, False, True, False, "kept"),
        (Basis.RENAMED, True, True, False, "renamed"),
        (Basis.WHOLE, False, True, True, "merged_whole"),
        (Basis.WHOLE, False, False, False, "merged_whole"),
        (Basis.WHOLE, True, True, False, "renamed"),
        (Basis.WHOLE, True, True, True, "kept"),
        (Basis.BLANK, True, True, True, "kept"),
        (Basis.BLANK, True, True, False, "renamed"),
        (Basis.BLANK, False, True, True, "merged_whole"),
        (Basis.BLANK, False, True, False, "merged_whole"),
        (Basis.BLANK, True, False, True, "merged_part"),
    ],
)
def test_succession_kind(basis, sole_source, sole_successor, same_name, kind):
    assert (
        succession_kind(basis, sole_source=sole_source, sole_successor=sole_successor, same_name=same_name)
        == kind
    )


@pytest.mark.parametrize(
    ("name", "level", "expected"),
    [
        ("Thành phố Hà Nội", 1, ("thanh_pho_tw", "Thành phố Hà Nội")),
        ("Tỉnh Kon Tum", 1, ("tinh", "Tỉnh Kon Tum")),
        ("Thị Xã Mộc Châu", 2, ("thi_xa", "Thị xã Mộc Châu")),
        ("Thành Phố Thủ Đức", 2, ("thanh_pho", "Thành phố Thủ Đức")),
        ("Huyện  Vũng Liêm", 2, ("huyen", "Huyện Vũng Liêm")),
        ("Quận 1", 2, ("quan", "Quận 1")),
        ("Thị Trấn Yên Minh", 3, ("thi_tran", "Thị trấn Yên Minh")),
        ("Xa Ea Kly", 3, ("xa", "Xã Ea Kly")),
        ("phường Vĩnh Hải", 3, ("phuong", "Phường Vĩnh Hải")),
        ("Đặc khu Côn Đảo\n", 3, ("dac_khu", "Đặc khu Côn Đảo")),
        ("Xuân Phước", 3, (None, "Xuân Phước")),
        ("Khu vực bãi bồi ven biển", 3, (None, "Khu vực bãi bồi ven biển")),
    ],
)
def test_split_kind(name, level, expected):
    assert split_kind(name, level) == expected


def test_split_name_code():
    assert split_name_code("Quận Ba Đình (001)") == ("Quận Ba Đình", "001")
    assert split_name_code(" Thành phố Hà Nội (01) ") == ("Thành phố Hà Nội", "01")
    assert split_name_code("Thành phố Hà Nội") is None


def test_read_rows_numbers_rows_by_their_first_line():
    rows = list(read_rows('a,b\n"multi\nline",c\nd,e\n'))
    assert [(line, row[0]) for line, row in rows] == [(1, "a"), (2, "multi\nline"), (4, "d")]


def test_plan_of_the_snippet():
    plan = build_plan(**vars(snippets.sources()))
    assert plan.problems == []
    assert [plan.count(MAP_PRE_2025, level) for level in (1, 2, 3)] == [3, 4, 6]
    assert [plan.count(MAP_2025, level) for level in (1, 2, 3)] == [2, 0, 6]
    kinds = {(s.predecessor[2], s.successor[2]): s.kind for s in plan.successions.values()}
    assert kinds[("00004", "00004")] == "merged_whole"
    assert kinds[("00001", "00004")] == kinds[("00001", "00097")] == "merged_part"
    assert kinds[("00006", "00006")] == "kept"
    assert kinds[("23353", "23341")] == "merged_whole"  # blank note, one of several sources
    assert kinds[("536", "21548")] == "renamed"  # island district → special zone
    assert kinds[("21091", "21091")] == "renamed"
    assert kinds[("01", "01")] == "kept"  # derived: Hà Nội is the only source of Hà Nội
    assert kinds[("62", "51")] == kinds[("51", "51")] == kinds[("610", "51")] == "merged_whole"
    assert len(plan.successions) == 15
    assert plan.units[(MAP_2025, 3, "21091")].name == "Xã Bình Sơn"  # "Xa" repaired
    assert plan.units[(MAP_PRE_2025, 2, "524")].name == "Huyện Bình Sơn"  # spaces collapsed
    assert plan.units[(MAP_2025, 3, "00004")].path == "/2025/01/00004/"
    assert plan.units[(MAP_PRE_2025, 3, "00004")].path == "/pre2025/01/001/00004/"
    assert plan.units[(MAP_PRE_2025, 3, "00006")].english_name == "Vinh Phuc Commune"
    assert plan.successions[((MAP_PRE_2025, 3, "00001"), (MAP_2025, 3, "00097"))].note == "Nhâp một phần"


# -- malformed rows -----------------------------------------------------------------------------

GOOD_ROW = (
    "Thành phố Hà Nội (01),Phường Ba Đình,00004,Phường Trúc Bạch,00004,Nhập toàn bộ,"
    "Quận Ba Đình (001),Thành phố Hà Nội (01),\n"
)


def _conversion_with(bad_row: str) -> str:
    """The snippet with a multi-line row (lines 3-4) and ``bad_row`` starting on line 5."""
    multi_line = GOOD_ROW.replace("Nhập toàn bộ", '"Nhập toàn bộ\n"')
    return (
        snippets.CONVERSION_HEADER
        + multi_line
        + bad_row
        + snippets.CONVERSION[len(snippets.CONVERSION_HEADER) :]
    )


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            GOOD_ROW.replace(",00004,Phường Trúc", ",,Phường Trúc"),
            "new commune code '' is not a 5-digit code",
        ),
        (GOOD_ROW.replace("Trúc Bạch,00004", "Trúc Bạch,0000A"), "old commune code '0000A' is not a 5-digit"),
        (GOOD_ROW.replace("Trúc Bạch,00004", "Trúc Bạch,"), "missing code of old commune 'Phường Trúc Bạch'"),
        (
            GOOD_ROW.replace("Phường Trúc Bạch,00004", "Phường Không Có,00099"),
            "old commune code 00099 ('Phường Không Có') is not in the pre-2025 list",
        ),
        (GOOD_ROW.replace("Thành phố Hà Nội (01),Phường", "Hà Nội,Phường"), "unknown province 'Hà Nội'"),
        (GOOD_ROW.replace("(01),\n", "(99),\n"), "unknown old province 99"),
        (GOOD_ROW.replace("Quận Ba Đình (001)", "Quận Ba Đình (999)"), "old district 999"),
        (GOOD_ROW.replace("Nhập toàn bộ", "Chia tách"), "cannot read the note 'Chia tách'"),
        (GOOD_ROW.replace("Phường Ba Đình,", "Thôn Ba Đình,"), "is not a Xã, Phường or Đặc khu"),
        ("Thành phố Hà Nội (01),Phường Ba Đình,00004\n", "expected at least 8 columns"),
    ],
)
def test_malformed_conversion_row_is_reported_with_its_line(bad_row, message):
    plan = build_plan(**vars(snippets.sources(conversion=_conversion_with(bad_row))))
    located = [str(problem) for problem in plan.problems]
    assert any(text.startswith("conversion-2025-07-01.csv:5: ") and message in text for text in located), (
        located
    )


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            "Thành phố Hà Nội,1,Quận Ba Đình,001,Phường X,00002,Phường,\n",
            "province code '1' is not a 2-digit",
        ),
        ("Thành phố Hà Nội,01,Quận Ba Đình,001,Phường X,2,Phường,\n", "commune code '2' is not a 5-digit"),
        ("Thành phố Hà Nội,01,Quận Ba Đình,001,,,Phường,\n", "missing commune code and name"),
        ("Thành phố Hà Nội,01,Quận Ba Đình,001,Phường X,00004,Phường,\n", "already used on line"),
        ("Làng Hà Nội,01,Quận Ba Đình,001,Phường X,00002,Phường,\n", "neither a Tỉnh nor a Thành phố"),
        ("Thành phố Hà Nội,01,Quận Hoàn Kiếm,001,Phường X,00002,Phường,\n", "district 001 is named"),
    ],
)
def test_malformed_list_row_is_reported_with_its_line(bad_row, message):
    before = snippets.BEFORE + bad_row  # line 9
    plan = build_plan(**vars(snippets.sources(before=before)))
    located = [str(problem) for problem in plan.problems]
    assert any(
        text.startswith("communes-before-2025-07-01.csv:9: ") and message in text for text in located
    ), located


def test_every_problem_is_reported_at_once():
    bad_row = GOOD_ROW.replace("Nhập toàn bộ", "Chia tách").replace(",00004,Phường Trúc", ",,Phường Trúc")
    conversion = _conversion_with(bad_row)
    plan = build_plan(**vars(snippets.sources(conversion=conversion)))
    assert len(plan.problems) >= 2


def test_duplicate_pair_is_a_problem():
    plan = build_plan(**vars(snippets.sources(conversion=_conversion_with(GOOD_ROW))))
    assert any("already given on line 3" in str(problem) for problem in plan.problems)


def test_anomalies_are_warnings_not_problems():
    conversion = snippets.CONVERSION.replace(
        "Phường Trúc Bạch,00004,Nhập toàn bộ,Quận Ba Đình (001),Thành phố Hà Nội (01)",
        "phường Trúc Bạch Cũ,00004,Nhập toàn bộ,Quận Ba Đình (001),Tỉnh Kon Tum (62)",
    )
    plan = build_plan(**vars(snippets.sources(conversion=conversion)))
    assert plan.problems == []
    categories = {warning.category for warning in plan.warnings}
    assert {"name", "province", "spelling"} <= categories


def test_unknown_code_resolved_by_its_name_in_the_same_district():
    conversion = snippets.CONVERSION.replace("Phường Trúc Bạch,00004,", "Phường Trúc Bạch,00005,")
    plan = build_plan(**vars(snippets.sources(conversion=conversion)))
    assert plan.problems == []
    assert ((MAP_PRE_2025, 3, "00004"), (MAP_2025, 3, "00004")) in plan.successions
    assert any(warning.category == "code" and "00005" in warning.message for warning in plan.warnings)


def test_erratum_reads_a_row_as_written_in_errata():
    errata = (
        "new_code,old_code,old_name,resolution,target,reason\n"
        "00004,00004,Phường Trúc Bạch,district,001,test\n"
        "99999,00001,Nowhere,commune,00001,unused\n"
    )
    plan = build_plan(**vars(snippets.sources(errata=errata)))
    assert plan.problems == []
    succession = plan.successions[((MAP_PRE_2025, 2, "001"), (MAP_2025, 3, "00004"))]
    assert succession.kind == "merged_part"
    assert any("matched no row" in warning.message for warning in plan.warnings)


def test_codeless_area_is_part_of_its_district():
    row = (
        "Thành phố Hà Nội (01),Phường Ba Đình,00004,Khu vực bãi bồi ven biển,,Nhập toàn bộ,"
        "Quận Ba Đình (001),Thành phố Hà Nội (01),\n"
    )
    plan = build_plan(**vars(snippets.sources(conversion=snippets.CONVERSION + row)))
    assert plan.problems == []
    assert plan.successions[((MAP_PRE_2025, 2, "001"), (MAP_2025, 3, "00004"))].kind == "merged_part"


def test_orphans_are_reported():
    before = snippets.BEFORE + "Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Mồ Côi,00010,Phường,\n"
    plan = build_plan(**vars(snippets.sources(before=before)))
    assert [w.message for w in plan.warnings if w.category == "orphan"] == [
        "old commune 00010 Phường Mồ Côi (district 001) appears in no row of the conversion table"
    ]


def test_coordinates_fill_latitude_and_longitude():
    coordinates = "map,level,code,latitude,longitude\n2025,3,00004,21.03860,105.83800\n2025,3,77777,1,2\n"
    plan = build_plan(**vars(snippets.sources(coordinates=coordinates)))
    unit = plan.units[(MAP_2025, 3, "00004")]
    assert (unit.latitude, unit.longitude) == (21.0386, 105.838)


# -- loading into the database ------------------------------------------------------------------


@pytest.mark.django_db
def test_load_writes_units_and_successions():
    report = load_admin_units(sources=snippets.sources())
    assert report.units.created == 21
    assert report.successions.created == 15
    trúc_bạch = AdminUnit.objects.get(code="00004", level=3, valid_from=None)
    assert trúc_bạch.valid_to == REFORM_DATE
    assert trúc_bạch.name_folded == "phuong truc bach"
    assert trúc_bạch.parent.code == "001"
    ba_đình = AdminUnit.objects.get(code="00004", level=3, valid_from=REFORM_DATE)
    assert ba_đình.valid_to is None
    assert ba_đình.parent.code == "01"
    assert ba_đình.kind == "phuong"
    link = Succession.objects.get(predecessor=trúc_bạch, successor=ba_đình)
    assert (link.kind, link.effective_on, link.note) == ("merged_whole", REFORM_DATE, "Nhập toàn bộ")
    assert AdminUnit.objects.get(code="21548").kind == "dac_khu"


@pytest.mark.django_db
def test_second_load_changes_nothing(django_assert_max_num_queries):
    load_admin_units(sources=snippets.sources())
    with django_assert_max_num_queries(4):  # read units, read successions, savepoint in and out
        report = load_admin_units(sources=snippets.sources())
    assert report.units.unchanged
    assert report.successions.unchanged


@pytest.mark.django_db
def test_refresh_updates_changed_rows():
    load_admin_units(sources=snippets.sources())
    before = snippets.BEFORE.replace("Phường Trúc Bạch", "Phường Trúc Bạch Mới")
    conversion = snippets.CONVERSION.replace("Giữ nguyên", "Nhập toàn bộ")
    report = load_admin_units(sources=snippets.sources(before=before, conversion=conversion))
    assert (report.units.created, report.units.updated, report.units.deleted) == (0, 1, 0)
    assert (report.successions.created, report.successions.updated) == (0, 1)
    assert AdminUnit.objects.get(code="00004", valid_from=None).name_folded == "phuong truc bach moi"
    assert Succession.objects.get(predecessor__code="00006").kind == "kept"  # sole source: still kept


@pytest.mark.django_db
def test_units_gone_from_the_files_are_removed_unless_referenced():
    load_admin_units(sources=snippets.sources())
    get_user_model().objects.create(
        username="officer", scope_unit=AdminUnit.objects.get(code="00006", valid_from=None)
    )
    before = "".join(line for line in snippets.BEFORE.splitlines(True) if "Vĩnh Phúc" not in line)
    before = "".join(line for line in before.splitlines(True) if "Lý Sơn" not in line)
    conversion = "".join(
        line
        for line in snippets.CONVERSION.splitlines(True)
        if "Vĩnh Phúc" not in line and "Lý Sơn" not in line
    )
    report = load_admin_units(sources=snippets.sources(before=before, conversion=conversion))
    # Gone: Vĩnh Phúc (new) and Lý Sơn (old district, new special zone); kept: old Vĩnh Phúc.
    assert report.units.deleted == 3
    assert report.units.kept_referenced == ["00006 Phường Vĩnh Phúc"]
    assert AdminUnit.objects.filter(code="00006", valid_from=None).exists()
    assert not AdminUnit.objects.filter(code="536").exists()
    assert report.successions.deleted == 3  # 00006 → 00006, 536 → 21548, 536 → 51


@pytest.mark.django_db
def test_failed_load_writes_nothing():
    with pytest.raises(LoadError) as raised:
        load_admin_units(sources=snippets.sources(conversion=_conversion_with("x,y,z,,,,,,\n")))
    assert any(problem.line == 5 for problem in raised.value.problems)
    assert AdminUnit.objects.count() == 0
    assert Succession.objects.count() == 0


@pytest.mark.django_db
def test_failed_refresh_leaves_the_loaded_data_alone():
    load_admin_units(sources=snippets.sources())
    rows = list(AdminUnit.objects.values_list("id", "name", "path").order_by("id"))
    with pytest.raises(LoadError):
        load_admin_units(sources=snippets.sources(before=snippets.BEFORE.replace("00001", "0001")))
    assert list(AdminUnit.objects.values_list("id", "name", "path").order_by("id")) == rows


@pytest.mark.django_db
def test_command_fails_cleanly_with_every_problem(tmp_path):
    (tmp_path / "communes-before-2025-07-01.csv").write_text(snippets.BEFORE, encoding="utf-8")
    (tmp_path / "conversion-2025-07-01.csv").write_text(
        _conversion_with(GOOD_ROW.replace("Nhập toàn bộ", "Chia tách")), encoding="utf-8"
    )
    with pytest.raises(CommandError) as raised:
        call_command("load_admin_units", data_dir=tmp_path)
    assert "conversion-2025-07-01.csv:5: cannot read the note 'Chia tách'" in str(raised.value)
    assert "Nothing was written." in str(raised.value)
    assert AdminUnit.objects.count() == 0


@pytest.mark.django_db
def test_command_prints_a_summary(tmp_path, capsys):
    (tmp_path / "communes-before-2025-07-01.csv").write_text(snippets.BEFORE, encoding="utf-8")
    (tmp_path / "conversion-2025-07-01.csv").write_text(snippets.CONVERSION, encoding="utf-8")
    call_command("load_admin_units", data_dir=tmp_path)
    out = capsys.readouterr().out
    assert "Units before 01/07/2025: 3 province, 4 district, 6 commune" in out
    assert "Units from 01/07/2025: 2 province, 0 district, 6 commune" in out
    assert "Changes to units: 21 created, 0 updated, 0 deleted" in out
    assert "Done in" in out
