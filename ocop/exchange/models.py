"""An import job: the uploaded file, where it stands in its lifecycle, and the row-by-row results."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Đã tải lên")
    CHECKING = "checking", _("Đang kiểm tra")
    CHECKED = "checked", _("Đã kiểm tra")
    REJECTED = "rejected", _("Tệp bị từ chối")
    COMMITTING = "committing", _("Đang ghi dữ liệu")
    DONE = "done", _("Đã nhập xong")
    FAILED = "failed", _("Nhập không thành công")


# The lifecycle: status → the statuses it may move to (``services._transition`` is the only writer).
TRANSITIONS: dict[str, frozenset[str]] = {
    ImportStatus.UPLOADED: frozenset({ImportStatus.CHECKING, ImportStatus.REJECTED}),
    ImportStatus.CHECKING: frozenset({ImportStatus.CHECKED, ImportStatus.REJECTED}),
    ImportStatus.CHECKED: frozenset({ImportStatus.COMMITTING}),
    ImportStatus.COMMITTING: frozenset({ImportStatus.DONE, ImportStatus.FAILED}),
    ImportStatus.REJECTED: frozenset(),
    ImportStatus.DONE: frozenset(),
    ImportStatus.FAILED: frozenset(),
}
RUNNING = frozenset({ImportStatus.UPLOADED, ImportStatus.CHECKING, ImportStatus.COMMITTING})


def import_file_path(instance: ImportJob, filename: str) -> str:
    """A random name: uploaded files hold personal data and must not be guessable (see operations.md)."""
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.xlsx"


def _empty_counts() -> dict[str, int]:
    return {"create": 0, "update": 0, "skip": 0, "error": 0}


class ImportJob(models.Model):
    """One upload of one Excel file of one kind, by one person, checked and then committed whole."""

    kind = models.CharField(_("loại dữ liệu"), max_length=40)
    file = models.FileField(_("tệp"), upload_to=import_file_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    scope_unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Địa bàn của người tải lên; để trống khi người đó phụ trách toàn quốc."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    background = models.BooleanField(_("chạy nền"), default=False)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    counts = models.JSONField(_("số dòng theo kết quả"), default=_empty_counts)
    results = models.JSONField(_("kết quả từng dòng"), default=list, blank=True)
    error = models.TextField(_("lý do"), blank=True)
    unexpected = models.BooleanField(_("lỗi hệ thống"), default=False)
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    checked_at = models.DateTimeField(_("lúc kiểm tra xong"), null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    committed_at = models.DateTimeField(_("lúc xác nhận"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("lần nhập dữ liệu")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="exchange_job_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="exchange_job_progress_le_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("exchange:job-detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def can_commit(self) -> bool:
        return self.status == ImportStatus.CHECKED and not self.counts.get("error") and self.row_count > 0
