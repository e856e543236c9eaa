"""Plans (kế hoạch) with quantitative targets (chỉ tiêu) and qualitative milestones, and issued reports.

A target names an indicator of ``monitoring.indicators`` with its parameters, a comparator and a
value, for the plan's period, by a deadline or each year, optionally for each child unit. An issued
report stores dated snapshots of every value so a past report can be reproduced after data change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop.core.models import TimeStampedModel
from ocop.geo.models import LocatedModel

User = settings.AUTH_USER_MODEL


class Plan(LocatedModel, TimeStampedModel):
    """A plan of a province, district or commune (or the nation) for a period; ``unit`` is its scope."""

    number = models.CharField(_("số hiệu"), max_length=60)
    title = models.CharField(_("trích yếu"), max_length=500)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    period_start = models.DateField(_("thực hiện từ"))
    period_end = models.DateField(_("thực hiện đến"))
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    source = models.CharField(_("nguồn văn bản"), max_length=500, blank=True)
    is_reference = models.BooleanField(
        _("kế hoạch mẫu"), default=False, help_text=_("Nạp từ văn bản thật bằng lệnh load_reference_plans.")
    )
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="mon_plan_period"),
            models.UniqueConstraint(fields=["number", "issuing_body"], name="mon_plan_number_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:plan-detail", args=[self.pk])


class Comparator(models.TextChoices):
    AT_LEAST = "ge", "≥"
    AT_MOST = "le", "≤"
    EQUAL = "eq", "="
    BETWEEN = "between", _("trong khoảng")


class Target(TimeStampedModel):
    """One quantitative target of a plan, computed from an indicator."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="targets"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=20, blank=True)
    title = models.CharField(_("chỉ tiêu"), max_length=500, help_text=_("Như viết trong kế hoạch."))
    indicator = models.CharField(_("chỉ số"), max_length=60)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    comparator = models.CharField(_("so sánh"), max_length=8, choices=Comparator.choices)
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=2)
    value_max = models.DecimalField(
        _("giá trị tối đa"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(
        _("thời hạn"), null=True, blank=True, help_text=_("Để trống: cuối kỳ kế hoạch.")
    )
    each_year = models.BooleanField(_("hằng năm"), default=False)
    per_child = models.BooleanField(_("cho từng đơn vị cấp dưới"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(comparator="between") | Q(value_max__isnull=False, value_max__gte=F("value")),
                name="mon_target_between_has_max",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    DROPPED = "dropped", _("Không thực hiện")


class Milestone(TimeStampedModel):
    """A qualitative task of a plan ("build the monitoring system in 2023"), proved by documents."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="milestones"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class MilestoneEvidence(TimeStampedModel):
    """A document proving a milestone's progress."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="plans/%Y/")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["milestone", "pk"]


class Report(TimeStampedModel):
    """An issued progress report of a plan as of a date, on one map; its values are frozen snapshots."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="reports"
    )
    title = models.CharField(_("tên báo cáo"), max_length=255)
    as_of = models.DateField(_("số liệu đến ngày"))
    map_key = models.CharField(_("bản đồ"), max_length=10)
    issued_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("ghi chú"), blank=True)
    # The targets as they were worded when the report was issued: {target id: {field: value}}.
    targets_snapshot = models.JSONField(default=dict, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "targets_snapshot"])

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:report-detail", args=[self.pk])


class ReportValue(models.Model):
    """One frozen value of a report: a target, for a unit (the plan's or a child) and a period."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("geo.AdminUnit", on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField(max_length=255)
    period_start = models.DateField()
    period_end = models.DateField()
    actual = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    forecast = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    share = models.DecimalField(max_digits=10, decimal_places=4, null=True)
    status = models.CharField(max_length=12)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "position"]

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.actual}"
