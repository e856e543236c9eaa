"""Activity imports end to end (upload → preview → commit → re-import): one class per kind, with scope."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.activities.models import Listing, PromotionEvent, RevenueReport, SalesPoint, TrainingCourse
from ocop.exchange.importers import activities  # noqa: F401  (registers the kinds)
from ocop.exchange.tests.test_recognitions_data import commit, load_map, officer, rows_of, upload, xlsx
from ocop.registry import services as registry


@pytest.fixture
def world(taxonomy, product_set):
    units = load_map()
    central = officer("central")
    lam_dong = officer("province", units["lam_dong"])

    def producer(name, code, commune, products=()):
        made = registry.producer_create(
            actor=central,
            name=name,
            kind="htx",
            registration_code=code,
            legal_rep_name="Trần Thị Lan",
            legal_rep_gender="nu",
            commune=commune,
            address="Thôn 1",
        )
        for product in products:
            registry.product_create(actor=central, producer=made, name=product, product_set=product_set)
        return made

    units.update(
        central=central,
        lam_dong_officer=lam_dong,
        tra=producer("Hợp tác xã Trà Bảo Lộc", "5800000001", units["bao_loc"], ["Trà ô long", "Trà xanh"]),
        ca_phe=producer("Hợp tác xã Cà phê Đắk Mil", "5800000002", units["dak_mil"], ["Cà phê bột"]),
        sam=producer("Hợp tác xã Sâm Đăk Pék", "6200000001", units["dak_pek"], ["Sâm dây"]),
    )
    return units


TRAINING = [
    "Tên lớp",
    "Đối tượng",
    "Cấp tổ chức",
    "Từ ngày",
    "Đến ngày",
    "Số lớp",
    "Số lượt người tham gia",
    "Kinh phí (đồng)",
    "Xã/phường",
    "Huyện",
    "Tỉnh",
]


@pytest.mark.django_db
class TestTraining:
    GOOD = [
        [
            "Tập huấn OCOP cho chủ thể",
            "Chủ thể sản xuất",
            "Cấp tỉnh",
            "05/03/2025",
            "07/03/2025",
            2,
            80,
            "45.000.000",
            None,
            None,
            None,
        ],
        [
            "Bồi dưỡng cán bộ xã",
            "Cán bộ quản lý",
            "Cấp xã",
            "10/04/2025",
            "10/04/2025",
            None,
            30,
            0,
            "Xã Đức Mạnh",
            "Huyện Đắk Mil",
            "Đắk Nông",
        ],
    ]

    def test_preview_commit_and_reimport(self, world):
        officer_ = world["lam_dong_officer"]
        job = upload(officer_, "training", xlsx(TRAINING, self.GOOD))
        rows = rows_of(job)
        assert job.counts == {"create": 2, "update": 0, "skip": 0, "error": 0}, job.results
        assert rows[2]["label"] == "Tập huấn OCOP cho chủ thể — Tỉnh Lâm Đồng"
        assert rows[3]["notes"] == [
            "Xã Đức Mạnh, huyện Đắk Mil, tỉnh Đắk Nông (trước 01/07/2025) nay là xã Đắk Mil, tỉnh Lâm Đồng"
        ]
        assert commit(job, officer_).status == "done"
        first, second = TrainingCourse.objects.order_by("starts_on")
        assert (first.unit, first.classes, first.cost, first.participants) == (
            world["lam_dong"],
            2,
            45_000_000,
            80,
        )
        # Held before 01/07/2025 at an old commune: placed there, counted in its successor on the new map.
        assert (second.unit.name, second.classes) == ("Xã Đức Mạnh", 1)
        assert (second.path_2025, second.path_pre2025) == (world["dak_mil"].path, "/pre2025/67/662/24631/")
        assert first.history.first().history_user == officer_
        again = upload(officer_, "training", xlsx(TRAINING, self.GOOD))
        assert again.counts["skip"] == 2

    def test_each_error(self, world):
        rows = [
            ["Lớp A", "Chủ thể sản xuất", "Cấp tỉnh", "07/03/2025", "05/03/2025", 1, 10, 0, None, None, None],
            [
                "Lớp B",
                "Chủ thể sản xuất",
                "Cấp tỉnh",
                "05/03/2025",
                "05/03/2025",
                0,
                10,
                -5,
                None,
                None,
                None,
            ],
            ["Lớp C", "Chủ thể sản xuất", "Cấp xã", "05/03/2025", "05/03/2025", 1, 10, 0, None, None, None],
            [
                "Lớp D",
                "Học sinh",
                "Cấp tỉnh",
                "05/03/2025",
                "05/03/2025",
                1,
                10,
                0,
                "Xã Đắk Mill",
                None,
                None,
            ],
            [
                "Lớp E",
                "Chủ thể sản xuất",
                "Cấp tỉnh",
                "05/03/2025",
                "05/03/2025",
                1,
                10,
                0,
                "Xã Đăk Pék",
                None,
                "Quảng Ngãi",
            ],
        ]
        results = rows_of(upload(world["lam_dong_officer"], "training", xlsx(TRAINING, rows)))
        messages = {n: [(e["column"], e["message"]) for e in r["errors"]] for n, r in results.items()}
        assert messages[2] == [("Đến ngày", "Ngày kết thúc (05/03/2025) trước ngày bắt đầu (07/03/2025).")]
        assert messages[3] == [
            ("Số lớp", "Số lớp phải từ 1 trở lên."),
            ("Kinh phí (đồng)", "Phải là số không âm."),
        ]
        assert messages[4] == [
            ("Xã/phường", "Lớp do cấp xã tổ chức phải đặt tại một xã/phường: hãy ghi xã/phường.")
        ]
        assert messages[5][0][0] == "Đối tượng"  # not a choice (the framework says so)
        assert messages[5][1] == ("Xã/phường", "Không tìm thấy xã/phường “Xã Đắk Mill” ở tỉnh Lâm Đồng.")
        assert results[5]["errors"][1]["suggestion"].startswith("Có phải: Xã Đắk Mil, tỉnh Lâm Đồng;")
        # Scope: Quảng Ngãi is not Lâm Đồng's.
        assert messages[6] == [("Xã/phường", "Xã Đăk Pék, tỉnh Quảng Ngãi không thuộc địa bàn của bạn.")]
        assert TrainingCourse.objects.count() == 0


EVENTS = ["Tên sự kiện", "Hình thức", "Phạm vi", "Địa điểm", "Từ ngày", "Đến ngày", "Xã/phường", "Tỉnh"]


@pytest.mark.django_db
class TestEvents:
    def test_preview_commit_reimport_and_errors(self, world):
        rows = [
            [
                "Hội chợ OCOP Lâm Đồng 2025",
                "Hội chợ",
                "Trong tỉnh",
                "Quảng trường Lâm Viên",
                "01/06/2025",
                "05/06/2025",
                None,
                "Lâm Đồng",
            ],
            [
                "Tuần hàng OCOP Đăk Pék",
                "Lễ hội, tuần hàng",
                "trong tinh",
                "",
                "01/08/2025",
                "03/08/2025",
                "dak pek",
                "Quang Ngai",
            ],
            [
                "Kết nối cung cầu",
                "Kết nối cung cầu",
                "Quốc tế",
                "",
                "05/06/2025",
                "01/06/2025",
                None,
                "Lâm Đồng",
            ],
        ]
        central = world["central"]
        job = upload(central, "events", xlsx(EVENTS, rows))
        results = rows_of(job)
        assert [results[n]["action"] for n in (2, 3, 4)] == ["create", "create", "error"]
        assert results[4]["errors"][0]["column"] == "Đến ngày"
        job = commit(upload(central, "events", xlsx(EVENTS, rows[:2])), central)
        assert job.status == "done", job.error
        assert set(PromotionEvent.objects.values_list("unit__name", "scope")) == {
            ("Tỉnh Lâm Đồng", "in_province"),
            ("Xã Đăk Pék", "in_province"),
        }
        assert upload(central, "events", xlsx(EVENTS, rows[:2])).counts["skip"] == 2

    def test_commune_officer_places_only_in_its_commune(self, world):
        xa = officer("commune", world["dak_mil"])
        rows = [
            ["Phiên chợ OCOP", "Hội chợ", "Trong tỉnh", "", "01/06/2025", "01/06/2025", "Xã Đắk Mil", None],
            ["Hội chợ tỉnh", "Hội chợ", "Trong tỉnh", "", "01/06/2025", "01/06/2025", None, None],
        ]
        results = rows_of(upload(xa, "events", xlsx(EVENTS, rows)))
        assert results[2]["action"] == "create"
        assert results[3]["errors"][0]["message"] == "Tỉnh Lâm Đồng không thuộc địa bàn của bạn."


SALES = ["Tên điểm", "Loại", "Địa chỉ", "Xã/phường", "Huyện", "Tỉnh", "Vĩ độ", "Kinh độ", "Ngày khai trương"]


@pytest.mark.django_db
class TestSalesPoints:
    def test_preview_commit_reimport_and_errors(self, world):
        officer_ = world["lam_dong_officer"]
        rows = [
            [
                "Điểm OCOP Bảo Lộc",
                "Cửa hàng OCOP",
                "12 Trần Phú",
                "Phường 1",
                "TP Bảo Lộc",
                "Lâm Đồng",
                "11,5477",
                "107,8072",
                "15/01/2024",
            ],
            ["Điểm OCOP Đắk Mil", None, "Chợ Đắk Mil", "Đắk Mil", None, None, None, None, "01/09/2025"],
            ["Điểm thiếu kinh độ", None, "Chợ", "Đắk Mil", None, None, 11.9, None, "01/09/2025"],
            ["Điểm ngoài lãnh thổ", None, "Chợ", "Đắk Mil", None, None, 30, 107, "01/09/2025"],
            ["Điểm không có xã", None, "Chợ", None, None, "Lâm Đồng", None, None, "01/09/2025"],
        ]
        results = rows_of(upload(officer_, "sales-points", xlsx(SALES, rows)))
        assert [results[n]["action"] for n in range(2, 7)] == ["create", "create", "error", "error", "error"]
        assert results[4]["errors"][0] == {
            "column": "Kinh độ",
            "message": "Hãy nhập đủ cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.",
            "suggestion": "",
        }
        assert results[5]["errors"][0]["column"] == "Vĩ độ"
        assert (
            results[6]["errors"][0]["message"]
            == "Chưa ghi xã/phường: bản ghi này phải đặt tại một xã/phường."
        )
        job = commit(upload(officer_, "sales-points", xlsx(SALES, rows[:2])), officer_)
        assert job.status == "done", job.error
        point = SalesPoint.objects.get(name="Điểm OCOP Bảo Lộc")
        assert (point.unit, point.kind, point.latitude) == (world["bao_loc"], "shop", 11.5477)
        assert SalesPoint.objects.get(name="Điểm OCOP Đắk Mil").kind == "display"
        assert upload(officer_, "sales-points", xlsx(SALES, rows[:2])).counts["skip"] == 2


LISTINGS = [
    "Sản phẩm",
    "Chủ thể",
    "Mã số ĐKKD",
    "Xã/phường",
    "Sàn",
    "Đường dẫn",
    "Đăng bán từ",
    "Ngừng bán từ",
]


@pytest.mark.django_db
class TestListings:
    ROWS = [
        [
            "Trà ô long",
            "HTX Trà Bảo Lộc",
            None,
            None,
            "Shopee",
            "https://shopee.vn/tra-o-long",
            "01/02/2025",
            None,
        ],
        [
            "Cà phê bột",
            None,
            "5800000002",
            None,
            "tiktok",
            "https://www.tiktok.com/@caphe/1",
            "01/03/2025",
            "01/06/2025",
        ],
    ]

    def test_preview_commit_reimport(self, world):
        officer_ = world["lam_dong_officer"]
        job = commit(upload(officer_, "listings", xlsx(LISTINGS, self.ROWS)), officer_)
        assert job.status == "done", job.error
        assert set(Listing.objects.values_list("product__name", "platform", "listed_until")) == {
            ("Trà ô long", "shopee", None),
            ("Cà phê bột", "tiktok", dt.date(2025, 6, 1)),
        }
        assert upload(officer_, "listings", xlsx(LISTINGS, self.ROWS)).counts["skip"] == 2

    def test_errors_and_scope(self, world):
        rows = [
            ["Trà sữa", "HTX Trà Bảo Lộc", None, None, "Shopee", "https://shopee.vn/x", "01/02/2025", None],
            [
                "Trà xanh",
                "HTX Tra Bao Loc",
                None,
                None,
                "Lazada",
                "shopee.vn/tra",
                "01/02/2025",
                "01/02/2025",
            ],
            [
                "Trà xanh",
                "HTX Trà Bảo Lộk",
                None,
                None,
                "Lazada",
                "https://lazada.vn/tra",
                "01/02/2025",
                None,
            ],
            ["Sâm dây", "HTX Sâm Đăk Pék", None, None, "Tiki", "https://tiki.vn/sam", "01/02/2025", None],
            ["Sâm dây", None, "6200000001", None, "Tiki", "https://tiki.vn/sam", "01/02/2025", None],
        ]
        results = rows_of(upload(world["lam_dong_officer"], "listings", xlsx(LISTINGS, rows)))
        assert (
            results[2]["errors"][0]["message"]
            == "Chủ thể “Hợp tác xã Trà Bảo Lộc” không có sản phẩm “Trà sữa”."
        )
        assert results[2]["errors"][0]["suggestion"] == "Có phải: Trà xanh?"
        assert [e["column"] for e in results[3]["errors"]] == ["Đường dẫn", "Ngừng bán từ"]
        assert results[4]["errors"][0]["suggestion"].startswith("Có phải: Hợp tác xã Trà Bảo Lộc")
        # Quảng Ngãi's producer is not found by Lâm Đồng's officer, by name or by code.
        assert (
            results[5]["errors"][0]["message"]
            == "Không tìm thấy chủ thể “HTX Sâm Đăk Pék” trong địa bàn của bạn."
        )
        assert (
            results[6]["errors"][0]["message"]
            == "Không tìm thấy chủ thể mã số 6200000001 trong địa bàn của bạn."
        )
        assert Listing.objects.count() == 0


REVENUE = ["Chủ thể", "Mã số ĐKKD", "Sản phẩm", "Năm", "Bán trực tiếp", "Thương mại điện tử", "Xuất khẩu"]


@pytest.mark.django_db
class TestRevenue:
    def test_create_then_update_then_skip(self, world, django_assert_max_num_queries):
        officer_ = world["lam_dong_officer"]
        rows = [
            ["HTX Trà Bảo Lộc", None, None, 2024, "1.200.000.000", "300.000.000", None],
            ["HTX Trà Bảo Lộc", None, "Trà ô long", 2024, 500_000_000, None, None],
            [None, "5800000002", None, 2024, 800_000_000, 0, "2.000.000.000"],
        ]
        job = commit(upload(officer_, "revenue", xlsx(REVENUE, rows)), officer_)
        assert job.status == "done", job.error
        whole = RevenueReport.objects.get(producer=world["tra"], product=None, year=2024)
        assert (whole.direct, whole.ecommerce, whole.total) == (1_200_000_000, 300_000_000, 1_500_000_000)
        assert RevenueReport.objects.get(producer=world["ca_phe"]).total == 2_800_000_000
        rows[0][5] = "400.000.000"
        with django_assert_max_num_queries(30):
            again = upload(officer_, "revenue", xlsx(REVENUE, rows))
        results = rows_of(again)
        assert again.counts == {"create": 0, "update": 1, "skip": 2, "error": 0}
        assert results[2]["notes"] == ["Thương mại điện tử: 300.000.000 → 400.000.000"]
        commit(again, officer_)
        whole.refresh_from_db()
        assert whole.total == 1_600_000_000

    def test_errors(self, world):
        next_year = dt.date.today().year + 1
        rows = [
            ["HTX Trà Bảo Lộc", None, None, next_year, 1, None, None],
            ["HTX Trà Bảo Lộc", None, None, 2023, -5, None, None],
            ["HTX Trà Bảo Lộc", None, None, 2022, None, None, None],
            ["HTX Trà Bảo Lộc", None, "Chè", 2022, 5, None, None],
            ["HTX Không Có", None, None, 2022, 5, None, None],
        ]
        results = rows_of(upload(world["lam_dong_officer"], "revenue", xlsx(REVENUE, rows)))
        assert results[2]["errors"][0]["column"] == "Năm"
        assert results[3]["errors"][0]["message"] == "Doanh thu không được âm."
        assert results[4]["errors"][0]["message"] == "Chưa ghi doanh thu của kênh nào."
        assert results[5]["errors"][0]["column"] == "Sản phẩm"
        assert (
            results[6]["errors"][0]["message"]
            == "Không tìm thấy chủ thể “HTX Không Có” trong địa bàn của bạn."
        )
        assert RevenueReport.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 100])
def test_checking_queries_do_not_grow_with_rows(world, count, django_assert_max_num_queries):
    officer_ = world["lam_dong_officer"]
    files = {
        "training": xlsx(
            TRAINING,
            [
                [
                    f"Lớp {n}",
                    "Chủ thể sản xuất",
                    "Cấp xã",
                    "05/03/2025",
                    "05/03/2025",
                    1,
                    10,
                    0,
                    "Xã Lộc Châu" if n % 2 else "Đắk Mil",
                    "Bảo Lộc" if n % 2 else None,
                    None,
                ]
                for n in range(count)
            ],
        ),
        "listings": xlsx(
            LISTINGS,
            [
                [
                    "Trà ô long",
                    "HTX Trà Bảo Lộc",
                    None,
                    None,
                    "Shopee",
                    f"https://shopee.vn/{n}",
                    "01/02/2025",
                    None,
                ]
                for n in range(count)
            ],
        ),
        "revenue": xlsx(
            REVENUE, [["HTX Trà Bảo Lộc", None, "Trà ô long", 2024 - n, 5, None, None] for n in range(count)]
        ),
    }
    for kind, content in files.items():
        with django_assert_max_num_queries(25):
            job = upload(officer_, kind, content)
        assert job.counts["error"] == (count - 7 if kind == "revenue" else 0), (kind, job.results[-1])
