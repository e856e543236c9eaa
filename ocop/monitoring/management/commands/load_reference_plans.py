"""``manage.py load_reference_plans``: the five real plans of ``monitoring/data``, idempotent."""

from django.core.management.base import BaseCommand, CommandError

from ocop.core.exceptions import ApplicationError
from ocop.monitoring.services import reference_plans_load


class Command(BaseCommand):
    help = (
        "Nạp năm kế hoạch OCOP mẫu (Đắk Nông, Bắc Giang, Đồng Tháp, Đăk Glei, Thừa Thiên Huế) trên bản đồ "
        "trước 01/07/2025; chạy lại chỉ cập nhật phần thay đổi. Cần chạy load_admin_units trước."
    )

    def handle(self, *args, **options) -> None:
        try:
            counts = reference_plans_load()
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Kế hoạch mẫu: {counts['plans_created']} mới, {counts['plans_updated']} cập nhật, "
            f"{counts['plans_unchanged']} không đổi; chỉ tiêu: {counts['targets_created']} mới, "
            f"{counts['targets_updated']} cập nhật, {counts['targets_removed']} bỏ; nhiệm vụ: "
            f"{counts['milestones_created']} mới, {counts['milestones_updated']} cập nhật."
        )
