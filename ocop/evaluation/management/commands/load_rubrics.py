"""``manage.py load_rubrics``: validate and store the legal score sheets (idempotent, versioned)."""

from django.core.management.base import BaseCommand, CommandError

from ocop.core.exceptions import ApplicationError
from ocop.evaluation.services.rubrics import rubrics_load


class Command(BaseCommand):
    help = "Nạp 26 phiếu đánh giá của QĐ 26/2026/QĐ-TTg; phiếu thay đổi được lưu thành phiên bản mới."

    def handle(self, *args, **options) -> None:
        try:
            counts = rubrics_load()
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Phiếu đánh giá: {counts['created']} mới, {counts['updated']} phiên bản mới, "
            f"{counts['unchanged']} không đổi."
        )
