"""``manage.py certificate_reminders [--today YYYY-MM-DD]``: record and e-mail the expiry reminders due today.

Run it once a day (cron, systemd timer); running it twice sends nothing twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ocop.certification.services import reminders_sweep


class Command(BaseCommand):
    help = "Nhắc hạn giấy chứng nhận OCOP 180, 120 và 30 ngày trước khi hết hiệu lực (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"Ngày không hợp lệ: {options['today']!r} (cần dạng YYYY-MM-DD)."
                ) from None
        counts = reminders_sweep(today=today)
        self.stdout.write(
            f"{today:%d/%m/%Y}: đã xét {counts['certificates']} giấy chứng nhận, "
            f"tạo {counts['reminders']} lượt nhắc hạn, gửi {counts['emails']} thư."
        )
