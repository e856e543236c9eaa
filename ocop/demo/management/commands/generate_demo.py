"""``manage.py generate_demo --size small|national [--certificates]``: demo registry and certificates."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.core.exceptions import ApplicationError
from ocop.demo.accounts import ensure_demo_accounts
from ocop.demo.generator import SIZES, generate, summary


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu mẫu: chủ thể và sản phẩm OCOP trên bản đồ hành chính hiện hành "
        "(small ≈ 300 chủ thể qua các service; national ≈ 10.000 chủ thể, nạp hàng loạt); "
        "--certificates cấp thêm quyết định và giấy chứng nhận cho khoảng 90% sản phẩm chưa có."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--producers", type=int, default=None, help="số chủ thể (thay cho cỡ mặc định)")
        parser.add_argument(
            "--certificates",
            action="store_true",
            help="cấp giấy chứng nhận mẫu (2022–nay) cho khoảng 90%% sản phẩm chưa có; "
            "với --producers 0 chỉ cấp cho sản phẩm đã có",
        )

    def handle(self, *args, **options) -> None:
        size, seed = options["size"], options["seed"]
        try:
            if options["producers"] != 0:
                self.stdout.write(f"Sinh dữ liệu mẫu cỡ {size}, seed {seed} (generating demo data)…")
                result = generate(size=size, seed=seed, producers=options["producers"], log=self.stdout.write)
                self.stdout.write(self.style.SUCCESS(summary(result)))
            if options["certificates"]:
                from ocop.demo import national_certificates

                self.stdout.write("Cấp giấy chứng nhận mẫu (issuing demo certificates)…")
                made = national_certificates.certify_national(seed=seed, log=self.stdout.write)
                self.stdout.write(self.style.SUCCESS(national_certificates.summary(made)))
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        ensure_demo_accounts()
