"""``manage.py generate_demo --size small|national --seed N``: add demo producers and products."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.core.exceptions import ApplicationError
from ocop.demo.accounts import ensure_demo_accounts
from ocop.demo.generator import SIZES, generate, summary


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu mẫu: chủ thể và sản phẩm OCOP trên bản đồ hành chính hiện hành "
        "(small ≈ 300 chủ thể qua các service; national ≈ 10.000 chủ thể, nạp hàng loạt)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--producers", type=int, default=None, help="số chủ thể (thay cho cỡ mặc định)")

    def handle(self, *args, **options) -> None:
        size, seed = options["size"], options["seed"]
        self.stdout.write(f"Sinh dữ liệu mẫu cỡ {size}, seed {seed} (generating demo data)…")
        try:
            result = generate(size=size, seed=seed, producers=options["producers"], log=self.stdout.write)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        ensure_demo_accounts()
        self.stdout.write(self.style.SUCCESS(summary(result)))
