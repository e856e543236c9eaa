"""``manage.py setup_demo``: what ``make run`` runs after ``migrate``: reference data, accounts, demo set.

Loads the administrative map if none is loaded, refreshes the product taxonomy, creates the missing
demo accounts and, only while the registry is empty, the small demo set. Then it always prints the
address and the demo logins. A second run changes nothing and takes a few seconds.
"""

from __future__ import annotations

import os

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.activities.demo import demo_activities
from ocop.certification.demo import demo_certificates
from ocop.certification.demo_history import demo_recognition_history
from ocop.core.exceptions import ApplicationError
from ocop.demo.accounts import DEMO_PASSWORD, DemoAccount, ensure_demo_accounts
from ocop.demo.generator import generate, generate_in_old_area, summary, with_dots
from ocop.evaluation.services.rubrics import rubrics_load
from ocop.geo.models import AdminUnit
from ocop.registry.models import Producer, Product
from ocop.registry.taxonomy import taxonomy_load

# Areas of the reference plans (pre-2025 map) that get extra demo producers, so their dashboards show data.
SHOWCASE_AREAS = [
    ("/pre2025/67/", 22, "tỉnh Đắk Nông cũ (KH 653/KH-UBND)"),
    ("/pre2025/62/610/", 10, "huyện Đăk Glei cũ (KH 127/KH-UBND)"),
]


class Command(BaseCommand):
    help = (
        "Chuẩn bị bản chạy thử: bản đồ hành chính, danh mục sản phẩm, tài khoản và dữ liệu mẫu (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--producers", type=int, default=None, help="số chủ thể của bộ mẫu (mặc định: cỡ small, ~300)"
        )

    def handle(self, *args, **options) -> None:
        if not AdminUnit.objects.exists():
            if "load_admin_units" not in get_commands():
                raise CommandError("Chưa có lệnh load_admin_units để nạp đơn vị hành chính.")
            self.stdout.write("Nạp đơn vị hành chính (loading administrative units)…")
            # The loader's list of worked-around anomalies is for data stewards; run it to see them.
            call_command("load_admin_units", verbosity=0, stdout=self.stdout, stderr=self.stderr)
        counts = taxonomy_load()
        self.stdout.write(f"Danh mục sản phẩm (taxonomy): {counts['sets']} bộ sản phẩm.")
        rubrics = rubrics_load()
        self.stdout.write(
            f"Phiếu đánh giá QĐ 26/2026 (score sheets): {rubrics['created'] + rubrics['updated']} nạp mới, "
            f"{rubrics['unchanged']} không đổi."
        )
        if not Producer.objects.exists():
            self.stdout.write("Sinh dữ liệu mẫu (generating the demo set)…")
            try:
                result = generate(size="small", producers=options["producers"])
            except ApplicationError as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(summary(result))
            for old_path, count, label in SHOWCASE_AREAS:
                extra = generate_in_old_area(old_path=old_path, producers=count)
                self.stdout.write(f"  + {extra['producers']} chủ thể, {extra['products']} sản phẩm ở {label}")
        else:
            self.stdout.write("Đã có dữ liệu chủ thể; giữ nguyên (registry not empty: data kept).")
        accounts = ensure_demo_accounts()
        demo_certificates(log=self.stdout.write)
        demo_recognition_history(log=self.stdout.write)
        demo_activities(log=self.stdout.write)
        try:
            call_command("load_reference_plans", stdout=self.stdout, stderr=self.stderr)
        except CommandError as exc:  # a partial map (tests, a custom install) lacks the plans' units
            self.stderr.write(f"Bỏ qua kế hoạch mẫu (reference plans skipped): {exc}")
        self.stdout.write(self.banner(accounts))

    def banner(self, accounts: list[DemoAccount]) -> str:
        port = os.environ.get("PORT", "8000")
        provinces = AdminUnit.objects.current().filter(level=1).count()
        communes = AdminUnit.objects.current().filter(level=3).count()
        rule = "=" * 100
        width = max(len(a.username) for a in accounts) + 2 if accounts else 12
        role_width = max(len(a.role_label) for a in accounts) + 2 if accounts else 12
        lines = [
            "",
            rule,
            " OCOP — bản chạy thử đã sẵn sàng (demo ready)",
            f" Địa chỉ (URL): http://127.0.0.1:{port}",
            f" Mật khẩu cho mọi tài khoản (password for every account): {DEMO_PASSWORD}",
            with_dots(
                f" Dữ liệu (data): {provinces} tỉnh/thành (provinces), {communes:,} xã/phường (communes), "
                f"{Producer.objects.count():,} chủ thể (producers), "
                f"{Product.objects.count():,} sản phẩm (products)"
            ),
            "",
            f" {'Tên đăng nhập':<{width}}{'Vai trò (role)':<{role_width}}Địa bàn (scope)",
            f" {'(username)':<{width}}",
        ]
        for account in accounts:
            lines.append(f" {account.username:<{width}}{account.role_label:<{role_width}}{account.scope}")
        lines += [rule, ""]
        return "\n".join(lines)
