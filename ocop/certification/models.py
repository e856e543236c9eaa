"""Recognition decisions, certificates (36 months), revocations, post-audit inspections and reminders."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop.core.models import TimeStampedModel

User = settings.AUTH_USER_MODEL


class Authority(models.TextChoices):
    PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND cấp tỉnh")
    MINISTER = "minister", _("Bộ trưởng Bộ Nông nghiệp và Môi trường")
    DISTRICT_CHAIR = "district_chair", _("Chủ tịch UBND cấp huyện (QĐ 148/2023, lịch sử)")


class Decision(TimeStampedModel):
    """A recognition decision (quyết định công nhận) covering one or more products."""

    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    authority = models.CharField(_("thẩm quyền"), max_length=20, choices=Authority.choices)
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("địa phương ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống với quyết định của Bộ."),
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number", "authority", "unit"], name="cert_decision_uniq"),
        ]

    def __str__(self) -> str:
        return self.number


def new_public_token() -> str:
    """An unguessable code for the certificate's public verification URL (128 bits)."""
    return secrets.token_urlsafe(16)


class Certificate(TimeStampedModel):
    """A certificate (giấy chứng nhận) for a product ranked 3–5★, valid 36 months from its decision.

    Its status follows the calendar (see ``domain.certificate_status``); only revocation and
    supersession are stored facts.
    """

    number = models.CharField(_("số giấy chứng nhận"), max_length=60, unique=True)
    decision = models.ForeignKey(
        Decision, verbose_name=_("quyết định"), on_delete=models.PROTECT, related_name="certificates"
    )
    dossier = models.OneToOneField(
        "evaluation.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    product = models.ForeignKey(
        "registry.Product", verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="certificates"
    )
    producer = models.ForeignKey(
        "registry.Producer", verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="certificates"
    )
    star = models.PositiveSmallIntegerField(_("hạng sao"))
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("ngày cấp"))
    valid_until = models.DateField(_("có hiệu lực đến"), db_index=True)
    superseded_by = models.OneToOneField(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    superseded_on = models.DateField(_("ngày bị thay thế"), null=True, blank=True)
    public_token = models.CharField(max_length=32, unique=True, default=new_public_token, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(star__gte=3) & Q(star__lte=5), name="cert_star_3_to_5"),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("issued_on")), name="cert_valid_after_issue"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("certification:certificate-detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("certification:verify", args=[self.public_token])


class Revocation(TimeStampedModel):
    """Thu hồi giấy chứng nhận on one of the six grounds of Điều 8, decided within 15 days."""

    certificate = models.OneToOneField(Certificate, on_delete=models.PROTECT, related_name="revocation")
    ground = models.CharField(_("căn cứ thu hồi"), max_length=2)
    concluded_on = models.DateField(
        _("ngày có kết luận"),
        help_text=_("Ngày cơ quan có thẩm quyền kết luận, hoặc xã xác nhận ngừng sản xuất."),
    )
    decision_number = models.CharField(_("số quyết định thu hồi"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định thu hồi"))
    reason = models.TextField(_("lý do"))
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("thu hồi giấy chứng nhận")
        verbose_name_plural = _("thu hồi giấy chứng nhận")
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__gte=models.F("concluded_on")), name="cert_revocation_dates"
            )
        ]


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", _("Định kỳ")
    AD_HOC = "ad_hoc", _("Đột xuất")


class InspectionOutcome(models.TextChoices):
    COMPLIANT = "compliant", _("Duy trì đạt tiêu chí")
    REEVALUATE = "reevaluate", _("Đề nghị đánh giá, phân hạng lại")
    REVOKE = "revoke", _("Đề nghị thu hồi giấy chứng nhận")


class Inspection(TimeStampedModel):
    """A post-audit inspection (hậu kiểm) of a certified product (Điều 9)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("hình thức"), max_length=10, choices=InspectionKind.choices)
    inspected_on = models.DateField(_("ngày kiểm tra"))
    inspectors = models.CharField(_("đoàn kiểm tra"), max_length=255)
    findings = models.TextField(_("kết quả kiểm tra"))
    mark_use_ok = models.BooleanField(_("sử dụng nhãn hiệu OCOP đúng quy định"), default=True)
    outcome = models.CharField(_("kết luận"), max_length=12, choices=InspectionOutcome.choices)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("hậu kiểm")
        verbose_name_plural = _("hậu kiểm")
        ordering = ["-inspected_on", "-pk"]


class Reminder(models.Model):
    """An expiry reminder sent to the producer and the province N days before the certificate expires."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("nhắc hạn")
        verbose_name_plural = _("nhắc hạn")
        constraints = [
            models.UniqueConstraint(fields=["certificate", "days_before"], name="cert_reminder_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.days_before} ngày"
