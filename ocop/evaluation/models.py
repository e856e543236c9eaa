"""Rubrics (frozen copies of score sheets), rounds, dossiers, councils, score sheets and results."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop.core.models import TimeStampedModel
from ocop.evaluation.rubrics import Rubric as RubricSheet
from ocop.evaluation.rubrics import rubric_from_dict

User = settings.AUTH_USER_MODEL


class Rubric(models.Model):
    """One version of one legal score sheet, stored whole. Dossiers point at the version they were
    submitted under, so changing a sheet later (a new version) never changes a past result."""

    regime = models.CharField(_("văn bản"), max_length=12)
    product_set_number = models.PositiveSmallIntegerField(_("bộ sản phẩm số"))
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("tên phiếu"), max_length=500)
    data = models.JSONField(_("nội dung phiếu"))
    checksum = models.CharField(max_length=64)
    is_current = models.BooleanField(_("đang áp dụng"), default=True)
    loaded_at = models.DateTimeField(_("nạp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu đánh giá (bộ tiêu chí)")
        verbose_name_plural = _("phiếu đánh giá (bộ tiêu chí)")
        ordering = ["regime", "product_set_number", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "product_set_number", "version"], name="eval_rubric_version_uniq"
            ),
            models.UniqueConstraint(
                fields=["regime", "product_set_number"],
                condition=Q(is_current=True),
                name="eval_rubric_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regime} · bộ {self.product_set_number} · v{self.version}"

    @cached_property
    def sheet(self) -> RubricSheet:
        """The score sheet as typed objects (parts → groups → criteria → options)."""
        return rubric_from_dict(self.data)


class RoundLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Cấp trung ương")


class Round(TimeStampedModel):
    """An evaluation round (đợt đánh giá): proposals due by one date, results concluded by another."""

    level = models.CharField(_("cấp"), max_length=10, choices=RoundLevel.choices, default=RoundLevel.PROVINCE)
    unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("tỉnh/thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống với đợt cấp trung ương."),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("đợt số"))
    name = models.CharField(_("tên đợt"), max_length=200)
    proposal_deadline = models.DateField(_("hạn đề xuất"))
    conclusion_deadline = models.DateField(_("hạn hoàn thành"))
    is_open = models.BooleanField(_("đang nhận hồ sơ"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["level", "unit", "year", "number"], name="eval_round_uniq"),
            models.CheckConstraint(
                condition=Q(conclusion_deadline__gte=models.F("proposal_deadline")),
                name="eval_round_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DossierKind(models.TextChoices):
    FIRST = "first", _("Lần đầu")
    UPGRADE = "upgrade", _("Nâng hạng")
    REEVALUATION = "reevaluation", _("Đánh giá lại")


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp, chờ xã tiếp nhận")
    COMMUNE_REVIEW = "commune_review", _("Xã đang xem xét")
    PROVINCE_INTAKE = "province_intake", _("Tỉnh tiếp nhận")
    ADVISORY_REVIEW = "advisory_review", _("Tổ tư vấn thẩm định")
    COUNCIL = "council", _("Hội đồng chấm điểm")
    SCORED = "scored", _("Đã có kết quả, chờ quyết định")
    CENTRAL = "central", _("Đề nghị trung ương (5 sao)")
    DECIDED = "decided", _("Đã có quyết định công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không đủ điều kiện công nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")
    WITHDRAWN = "withdrawn", _("Đã rút")
    DISQUALIFIED = "disqualified", _("Bị loại")


class Dossier(TimeStampedModel):
    """A product dossier (hồ sơ sản phẩm): Mẫu 01 registration + Mẫu 02 self-assessment, and its path."""

    kind = models.CharField(
        _("loại hồ sơ"), max_length=16, choices=DossierKind.choices, default=DossierKind.FIRST
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=DossierStatus.choices,
        default=DossierStatus.DRAFT,
        db_index=True,
    )
    product = models.ForeignKey(
        "registry.Product", verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="dossiers"
    )
    producer = models.ForeignKey(
        "registry.Producer", verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="dossiers"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã/phường tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    product_set_number = models.PositiveSmallIntegerField(_("bộ sản phẩm số"))
    rubric = models.ForeignKey(
        Rubric,
        verbose_name=_("phiếu đánh giá"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_("Cố định khi nộp hồ sơ."),
    )
    round = models.ForeignKey(
        Round,
        verbose_name=_("đợt đánh giá"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    council = models.ForeignKey(
        "evaluation.Council",
        verbose_name=_("hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    registration_number = models.CharField(_("số phiếu đăng ký"), max_length=60, blank=True)
    # Mẫu 01 (registration form) and the frozen snapshots taken at submission.
    application = models.JSONField(_("phiếu đăng ký (Mẫu 01)"), default=dict, blank=True)
    producer_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    product_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    story_exists = models.BooleanField(_("có câu chuyện sản phẩm"), default=False)
    samples_count = models.PositiveSmallIntegerField(_("số mẫu sản phẩm"), default=5)
    # For upgrades and re-evaluations: the certificate it builds on (filled by the certification app).
    previous_certificate_number = models.CharField(_("giấy chứng nhận trước"), max_length=60, blank=True)
    previous_star = models.PositiveSmallIntegerField(_("hạng sao trước"), null=True, blank=True)
    previous_valid_until = models.DateField(_("hiệu lực giấy chứng nhận trước đến"), null=True, blank=True)
    # Dates of the procedure.
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    commune_received_on = models.DateField(_("xã tiếp nhận ngày"), null=True, blank=True)
    commune_due_on = models.DateField(_("hạn xã xem xét"), null=True, blank=True)
    province_received_on = models.DateField(_("tỉnh tiếp nhận ngày"), null=True, blank=True)
    # Mẫu 03 (commune assessment), advisory group, returns and disqualification.
    commune_assessment = models.JSONField(_("báo cáo đánh giá của xã (Mẫu 03)"), default=dict, blank=True)
    advisory_report = models.TextField(_("báo cáo của tổ tư vấn"), blank=True)
    field_visit_notes = models.TextField(_("ghi chép khảo sát thực tế"), blank=True)
    extra_tests = models.TextField(_("kiểm nghiệm bổ sung"), blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    disqualification_reason = models.TextField(_("lý do loại"), blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("hồ sơ sản phẩm")
        verbose_name_plural = _("hồ sơ sản phẩm")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="eval_dossier_regno_uniq",
            ),
        ]
        indexes = [models.Index(fields=["status", "commune_due_on"], name="eval_dossier_queue_idx")]

    def __str__(self) -> str:
        return self.registration_number or f"Hồ sơ #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:dossier-detail", args=[self.pk])


class DossierTransition(models.Model):
    """One step of a dossier's path: from which state to which, by whom, when and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=DossierStatus.choices)
    to_status = models.CharField(max_length=20, choices=DossierStatus.choices)
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.from_status} → {self.to_status}"


class SelfScore(models.Model):
    """Mẫu 02 part III: the producer's own score on one criterion."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="self_scores")
    criterion_code = models.CharField(_("tiêu chí"), max_length=12)
    option_index = models.PositiveSmallIntegerField(_("phương án"))
    points = models.DecimalField(_("điểm"), max_digits=4, decimal_places=1)
    note = models.TextField(_("giải trình"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm tự đánh giá")
        verbose_name_plural = _("điểm tự đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "criterion_code"], name="eval_selfscore_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.dossier} · {self.criterion_code}: {self.points}"


class Evidence(TimeStampedModel):
    """A document in a dossier, attached to the criterion it proves (or to the dossier as a whole)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="evidence")
    criterion_code = models.CharField(_("tiêu chí chứng minh"), max_length=12, blank=True)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="dossiers/%Y/%m/")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["criterion_code", "pk"]


class Council(TimeStampedModel):
    """An evaluation council (hội đồng đánh giá, phân hạng) for a round, with its advisory group."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt đánh giá"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("tên hội đồng"), max_length=255)
    establishing_decision = models.CharField(_("quyết định thành lập"), max_length=120, blank=True)
    spread_threshold = models.DecimalField(
        _("ngưỡng chênh lệch điểm"),
        max_digits=4,
        decimal_places=1,
        default=10,
        help_text=_("Thành viên chấm lệch khỏi điểm trung bình quá ngưỡng này được đánh dấu để thảo luận."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hội đồng")
        verbose_name_plural = _("hội đồng")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch hội đồng")
    MEMBER = "member", _("Thành viên")
    SECRETARY = "secretary", _("Thư ký")
    ADVISOR = "advisor", _("Tổ tư vấn")


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.PROTECT, related_name="council_seats"
    )
    role = models.CharField(
        _("vai trò"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    organisation = models.CharField(_("cơ quan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="eval_member_uniq")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def scores(self) -> bool:
        """Chair and members score; the secretary and the advisory group do not."""
        return self.role in {MemberRole.CHAIR, MemberRole.MEMBER}


class ConflictDeclaration(models.Model):
    """A member's declaration, before scoring, of any conflict of interest with one dossier."""

    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="declarations")
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="declarations")
    has_conflict = models.BooleanField(_("có xung đột lợi ích"))
    note = models.TextField(_("giải trình"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kê khai xung đột lợi ích")
        verbose_name_plural = _("kê khai xung đột lợi ích")
        constraints = [models.UniqueConstraint(fields=["member", "dossier"], name="eval_declaration_uniq")]

    def __str__(self) -> str:
        return f"{self.member} · {self.dossier}: {'có' if self.has_conflict else 'không'} xung đột"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã nộp")


class ScoreSheet(TimeStampedModel):
    """One member's independent score sheet on one dossier (Phụ lục II is the member's sheet)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="score_sheets")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="score_sheets")
    status = models.CharField(max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    total = models.DecimalField(_("tổng điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("nhận xét chung"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened_reason = models.TextField(_("lý do mở lại"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("phiếu chấm của thành viên")
        verbose_name_plural = _("phiếu chấm của thành viên")
        constraints = [models.UniqueConstraint(fields=["dossier", "member"], name="eval_sheet_uniq")]


class ScoreLine(models.Model):
    """The option a member chose for one criterion, with a comment."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="lines")
    criterion_code = models.CharField(max_length=12)
    option_index = models.PositiveSmallIntegerField()
    points = models.DecimalField(max_digits=4, decimal_places=1)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion_code"], name="eval_line_uniq")]

    def __str__(self) -> str:
        return f"{self.sheet_id} · {self.criterion_code}: {self.points}"


class Result(TimeStampedModel):
    """A council's result on a dossier (the province's, then the centre's for ≥ 90).

    Mean score with its decimals, band, minimum-mark cap and final star.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="results")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="results")
    mean_score = models.DecimalField(_("điểm trung bình"), max_digits=5, decimal_places=2)
    band_star = models.PositiveSmallIntegerField(_("hạng theo điểm"))
    cap_star = models.PositiveSmallIntegerField(_("hạng tối đa theo yêu cầu tối thiểu"))
    final_star = models.PositiveSmallIntegerField(
        _("hạng sao"), help_text=_("0 = không đạt yêu cầu tối thiểu 3 sao.")
    )
    failed_marks = models.JSONField(_("yêu cầu tối thiểu không đạt"), default=list, blank=True)
    flagged_members = models.JSONField(_("thành viên chấm lệch"), default=list, blank=True)
    member_totals = models.JSONField(_("tổng điểm từng thành viên"), default=dict)
    minimum_marks_applied = models.BooleanField(default=True)
    note = models.TextField(
        _("ghi chú kết luận"), blank=True, help_text=_("Nội dung thảo luận của hội đồng, nếu có.")
    )
    concluded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("kết quả đánh giá")
        verbose_name_plural = _("kết quả đánh giá")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "council"], name="eval_result_per_council_uniq")
        ]

    @property
    def certifiable(self) -> bool:
        return self.final_star >= 3
