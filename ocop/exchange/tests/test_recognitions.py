"""Importing a province's published list of recognised products: preview, commit, re-import, scope."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.certification.models import Authority, Certificate, Decision
from ocop.exchange.importers import recognitions  # noqa: F401  (registers the kind)
from ocop.exchange.importers.recognitions_checks import infer_kind, parse_star
from ocop.exchange.tests.test_recognitions_data import commit, load_map, officer, rows_of, upload, xlsx
from ocop.registry import services as registry
from ocop.registry.models import Producer, Product

HEADERS = [
    "STT",
    "Tên sản phẩm",
    "Chủ thể",
    "Xã/phường",
    "Huyện",
    "Tỉnh",
    "Hạng sao",
    "Điểm",
    "Số quyết định",
    "Ngày quyết định",
    "Bộ sản phẩm",
]
GOOD = [
    # 3: old commune and town, accents kept; 4★; decision shared with row 4.
    [
        1,
        "Cà phê Robusta Lộc Châu",
        "HTX Nông nghiệp Lộc Châu",
        "Xã Lộc Châu",
        "TP. Bảo Lộc",
        "Tỉnh Lâm Đồng",
        "4 sao",
        "78,5",
        "1234/QĐ-UBND",
        "15/08/2022",
        "3",
    ],
    # 4: no accents, the producer already registered (written with "HTX"), 3★ as stars.
    [
        2,
        "Tra o long",
        "HTX Tra Bao Loc",
        "Phuong 1",
        "Bao Loc",
        "Lam Dong",
        "★★★",
        None,
        "1234/QĐ-UBND",
        dt.date(2022, 8, 15),
        "17",
    ],
    # 5: 3★ during QĐ 148/2023: the district chair decided.
    [
        3,
        "Hạt mắc ca",
        "Hộ kinh doanh Nguyễn Văn An",
        "Lộc Tân",
        "Huyện Bảo Lâm",
        "Lâm Đồng",
        3,
        65,
        "55/QĐ-UBND",
        "10/03/2024",
        "Rau, củ, quả, hạt tươi",
    ],
    # 6: an old province (Đắk Nông, now Lâm Đồng).
    [
        4,
        "Sầu riêng Đức Mạnh",
        "Hợp tác xã Đức Mạnh",
        "Xã Đức Mạnh",
        "Huyện Đắk Mil",
        "Tỉnh Đắk Nông",
        4,
        80,
        "900/QĐ-UBND",
        "20/12/2023",
        "1",
    ],
    # 7: the same producer by the current commune name, after the reform.
    [
        5,
        "Cà phê Đức Mạnh",
        "HTX Đức Mạnh",
        "Xã Đắk Mil",
        None,
        "Lâm Đồng",
        4,
        75,
        "120/QĐ-UBND",
        "05/09/2025",
        "3",
    ],
    # 8: 5★ by the minister; Kon Tum names.
    [
        6,
        "Sâm dây Ngọc Linh",
        "Cty CP Dược liệu Ngọc Linh",
        "Xã Đăk Pék",
        "Huyện Đăk Glei",
        "Kon Tum",
        5,
        92,
        "2000/QĐ-BNN",
        "01/11/2024",
        "13",
    ],
    # 9: current name without accents in capitals.
    [
        7,
        "Mật ong rừng",
        "Tổ hợp tác Ong mật Đăk Pék",
        "DAK PEK",
        None,
        "Quảng Ngãi",
        "3 sao",
        60,
        "300/QĐ-UBND",
        "10/10/2025",
        "4",
    ],
]
BAD = [
    # 10: 2★ is not a recognition.
    [
        8,
        "Bánh tráng",
        "HTX Bình Sơn",
        "Xã Bình Sơn",
        None,
        "Quảng Ngãi",
        2,
        45,
        "301/QĐ-UBND",
        "10/10/2025",
        "5",
    ],
    # 11: the same row as row 3.
    GOOD[0],
    # 12: a typo in the commune.
    [
        9,
        "Chè xanh",
        "HTX Chè Lộc Châu",
        "Xã Lộc Chân",
        "TP. Bảo Lộc",
        "Lâm Đồng",
        3,
        60,
        "1234/QĐ-UBND",
        "15/08/2022",
        "17",
    ],
    # 13: 65 points is not enough for 4★.
    [
        10,
        "Rượu cần",
        "HTX Rượu cần Đăk Pék",
        "Đăk Pék",
        None,
        "Quảng Ngãi",
        4,
        65,
        "302/QĐ-UBND",
        "10/10/2025",
        "14",
    ],
    # 14: a new product without its product set.
    [
        11,
        "Măng khô",
        "HTX Măng Đăk Pék",
        "Đăk Pék",
        None,
        "Quảng Ngãi",
        3,
        60,
        "302/QĐ-UBND",
        "10/10/2025",
        None,
    ],
    # 15: no kind can be inferred from a person's name.
    [12, "Gạo đỏ", "Nguyễn Văn Bình", "Đăk Pék", None, "Quảng Ngãi", 3, 60, "302/QĐ-UBND", "10/10/2025", "3"],
    # 16: an unknown province.
    [
        13,
        "Tiêu đen",
        "HTX Tiêu Bảo Lâm",
        "Xã Bảo Lâm 1",
        None,
        "Tỉnh Lâm Viên",
        3,
        60,
        "56/QĐ-UBND",
        "10/08/2025",
        "3",
    ],
    # 17: a date in the future.
    [
        14,
        "Cà phê chồn",
        "HTX Cà phê Bảo Lâm",
        "Xã Bảo Lâm 1",
        None,
        "Lâm Đồng",
        4,
        80,
        "57/QĐ-UBND",
        "01/01/2099",
        "3",
    ],
]


@pytest.fixture
def world(taxonomy):
    units = load_map()
    central = officer("central")
    existing = registry.producer_create(
        actor=central,
        name="Hợp tác xã Trà Bảo Lộc",
        kind="htx",
        registration_code="5800000001",
        legal_rep_name="Trần Thị Lan",
        legal_rep_gender="nu",
        commune=units["bao_loc"],
        address="Tổ 3",
    )
    units.update(central=central, existing=existing)
    return units


def test_parsing_of_stars_and_kinds():
    assert [parse_star(s) for s in ("3", "3 sao", "★★★★", "năm sao", "***", "")] == [3, 3, 4, 5, 3, None]
    assert infer_kind("HTX Chè Tân Lập") == "htx"
    assert infer_kind("Công ty TNHH Trà Việt") == infer_kind("Cty CP Dược liệu") == "doanh_nghiep"
    assert infer_kind("Tổ hợp tác Ong mật") == "tht"
    assert (
        infer_kind("Hộ kinh doanh Nguyễn Văn A")
        == infer_kind("Hộ sản xuất kinh doanh có đăng ký")
        == "ho_kinh_doanh"
    )
    assert infer_kind("Nguyễn Văn A") == ""


@pytest.mark.django_db
def test_preview_of_a_published_list(world):
    job = upload(world["central"], "recognitions", xlsx(HEADERS, GOOD + BAD, title="DANH SÁCH SẢN PHẨM OCOP"))
    rows = rows_of(job)
    assert job.counts == {"create": 6, "update": 0, "skip": 0, "error": 9}, job.error
    assert [rows[n]["action"] for n in range(3, 10)] == ["error"] + [
        "create"
    ] * 6  # row 3 is repeated in row 11
    assert (
        "Xã Lộc Châu, thành phố Bảo Lộc, tỉnh Lâm Đồng (trước 01/07/2025) nay là phường 2 Bảo Lộc"
        in rows[3]["notes"][0]
    )
    assert "Loại hình chủ thể suy ra từ tên: Hợp tác xã." in rows[3]["notes"]
    assert "Chủ thể đã có: Hợp tác xã Trà Bảo Lộc." in rows[4]["notes"]
    assert "Cấp công nhận suy ra: Chủ tịch UBND cấp huyện (QĐ 148/2023, lịch sử)." in rows[5]["notes"]
    assert rows[5]["data"]["authority"] == Authority.DISTRICT_CHAIR
    assert rows[8]["data"]["authority"] == Authority.MINISTER
    assert rows[9]["notes"] == [
        "Cấp công nhận suy ra: Chủ tịch UBND cấp tỉnh.",
        "Loại hình chủ thể suy ra từ tên: Tổ hợp tác.",
        "Chủ thể mới: Tổ hợp tác Ong mật Đăk Pék.",
        "Cần bổ sung sau cho chủ thể: mã số ĐKKD tạm TAM-23341-481A297C, người đại diện, "
        "giới tính người đại diện, địa chỉ chi tiết.",
        "Sản phẩm mới: Mật ong rừng (bộ 4. Mật ong, mật khác và nông sản thực phẩm khác).",
    ]
    assert "Chủ thể mới: HTX Đức Mạnh (cùng chủ thể với dòng 6)." in rows[7]["notes"]
    errors = {n: [(e["column"], e["message"]) for e in rows[n]["errors"]] for n in range(10, 18)}
    assert errors[10][0][0] == "Hạng sao"
    assert "dưới 3 sao không được công nhận" in errors[10][0][1]
    assert ("", "Trùng với dòng 3.") in errors[11]
    assert ("", "Trùng với dòng 11.") in [(e["column"], e["message"]) for e in rows[3]["errors"]]
    assert errors[12][0] == (
        "Xã/phường",
        "Không tìm thấy xã/phường “Xã Lộc Chân” ở thành phố Bảo Lộc, tỉnh Lâm Đồng (trước 01/07/2025).",
    )
    assert "Xã Lộc Châu, thành phố Bảo Lộc, tỉnh Lâm Đồng" in rows[12]["errors"][0]["suggestion"]
    assert errors[13] == [
        ("Điểm", "65.00 điểm không đủ cho hạng 4 sao (3 sao từ 50, 4 sao từ 70, 5 sao từ 90 điểm).")
    ]
    assert errors[14][0][0] == "Bộ sản phẩm"
    assert errors[15][0][0] == "Loại hình chủ thể"
    assert errors[16] == [("Xã/phường", "Không tìm thấy tỉnh/thành phố “Tỉnh Lâm Viên”.")]
    assert errors[17][0][0] == "Ngày quyết định"
    assert Certificate.objects.count() == 0  # the preview writes nothing


@pytest.mark.django_db
def test_commit_then_reimport_skips_everything(world, django_assert_max_num_queries):
    central = world["central"]
    job = commit(upload(central, "recognitions", xlsx(HEADERS, GOOD)), central)
    assert job.status == "done", job.error
    certificates = Certificate.objects.select_related("decision__unit", "product__producer")
    assert certificates.count() == 7
    assert Decision.objects.count() == 6  # 1234/QĐ-UBND recognised two products
    by_product = {c.product.name: c for c in certificates}
    assert by_product["Hạt mắc ca"].decision.unit.name == "Huyện Bảo Lâm"
    assert by_product["Sầu riêng Đức Mạnh"].decision.unit.name == "Tỉnh Đắk Nông"
    assert by_product["Cà phê Đức Mạnh"].decision.unit.name == "Tỉnh Lâm Đồng"
    assert by_product["Sâm dây Ngọc Linh"].decision.unit is None
    assert str(by_product["Cà phê Robusta Lộc Châu"].score) == "78.50"
    assert by_product["Tra o long"].product.producer == world["existing"]
    # Rows 6 and 7 are one producer (old and new commune names, "HTX" and "Hợp tác xã").
    assert by_product["Sầu riêng Đức Mạnh"].product.producer == by_product["Cà phê Đức Mạnh"].product.producer
    duc_manh = by_product["Cà phê Đức Mạnh"].product.producer
    assert duc_manh.legacy_commune.name == "Xã Đức Mạnh"
    assert duc_manh.registration_code.startswith("TAM-24610-")
    assert duc_manh.legal_rep_name == "(chưa cập nhật)"
    assert duc_manh.history.first().history_change_reason.startswith("Nhập từ tệp Excel")
    assert Producer.objects.count() == 6
    assert Product.objects.count() == 7

    with django_assert_max_num_queries(40):
        again = upload(central, "recognitions", xlsx(HEADERS, GOOD))
    assert again.counts == {"create": 0, "update": 0, "skip": 7, "error": 0}
    assert rows_of(again)[3]["notes"][-1].startswith("Đã ghi nhận trước đó: giấy chứng nhận")


@pytest.mark.django_db
def test_a_later_decision_for_the_same_product_supersedes(world):
    central = world["central"]
    commit(upload(central, "recognitions", xlsx(HEADERS, GOOD[:1])), central)
    upgrade = [*GOOD[0][:6], 5, 91, "77/QĐ-BNN", "01/03/2025", None]
    job = commit(upload(central, "recognitions", xlsx(HEADERS, [upgrade])), central)
    assert job.status == "done", job.error
    old, new = Certificate.objects.order_by("issued_on")
    assert old.superseded_by == new
    # An earlier decision than one recorded is refused with the reason.
    older = [*GOOD[0][:6], 3, 60, "10/QĐ-UBND", "01/01/2021", None]
    refused = upload(central, "recognitions", xlsx(HEADERS, [older]))
    assert "theo thứ tự thời gian" in refused.results[0]["errors"][0]["message"]


@pytest.mark.django_db
def test_the_authority_column_is_checked_against_the_rules(world):
    headers = [*HEADERS, "Cấp công nhận"]
    rows = [
        [*GOOD[2][:10], "1", "Huyện"],  # 3★ by the district in 2024: right
        [*GOOD[2][:8], "58/QĐ-UBND", "10/08/2025", "1", "Huyện"],  # no districts after 01/07/2025
        [*GOOD[3][:10], "1", "UBND huyện"],  # 4★ never by a district
        [*GOOD[3][:10], "1", "Cấp xã"],  # not an authority
    ]
    results = rows_of(upload(world["central"], "recognitions", xlsx(headers, rows)))
    assert results[2]["action"] == "create"
    assert results[2]["data"]["authority"] == Authority.DISTRICT_CHAIR
    assert "đến trước ngày 01/07/2025" in results[3]["errors"][0]["message"]
    assert results[4]["errors"][0]["message"] == (
        "Chủ tịch UBND cấp huyện chỉ công nhận sản phẩm 3 sao (Quyết định 148/QĐ-TTg)."
    )
    assert results[5]["errors"][0]["message"] == "Không hiểu cấp công nhận “Cấp xã”."


@pytest.mark.django_db
def test_scope_a_province_officer_records_only_in_its_province(world):
    lam_dong = officer("province", world["lam_dong"])
    job = upload(lam_dong, "recognitions", xlsx(HEADERS, [GOOD[0], GOOD[6]]))
    rows = rows_of(job)
    assert rows[2]["action"] == "create"
    assert rows[3]["errors"][0]["message"] == "Xã Đăk Pék, tỉnh Quảng Ngãi không thuộc địa bàn của bạn."
    # The minister's 5★ is recorded by central officers only.
    five = upload(
        lam_dong, "recognitions", xlsx(HEADERS, [[*GOOD[0][:6], 5, 95, "9/QĐ-BNN", "01/03/2025", "3"]])
    )
    assert "cán bộ cấp trung ương" in five.results[0]["errors"][0]["message"]
    # A commune officer may import, but not record decisions.
    commune = officer("commune", world["bao_loc"])
    job = upload(commune, "recognitions", xlsx(HEADERS, [GOOD[1]]))
    assert "Chỉ cán bộ cấp tỉnh hoặc cấp trung ương" in job.results[0]["errors"][0]["message"]
    assert Certificate.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 100])
def test_checking_queries_do_not_grow_with_rows(world, count, django_assert_max_num_queries):
    rows = [
        [
            n,
            f"Sản phẩm số {n}",
            f"HTX Số {n % 7}",
            "Xã Lộc Châu",
            "TP. Bảo Lộc",
            "Lâm Đồng",
            3,
            60,
            f"{n}/QĐ-UBND",
            "15/08/2022",
            "3",
        ]
        for n in range(1, count + 1)
    ]
    content = xlsx(HEADERS, rows)
    with django_assert_max_num_queries(25):
        job = upload(world["central"], "recognitions", content)
    assert job.counts["create"] == count
