"""Forms of the dossier procedure and of rounds: they parse and show input; the services check and save."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts.scoping import scope_of
from ocop.evaluation.domain import province_round_deadlines
from ocop.evaluation.models import Council, Dossier, DossierKind, DossierStatus, Round, RoundLevel
from ocop.evaluation.selectors import dossiers as selectors
from ocop.evaluation.services.dossiers import COMMUNE_ASSESSMENT_FIELDS, evidence_file_problem
from ocop.evaluation.services.rounds import can_manage_rounds
from ocop.geo.models import AdminUnit

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DossierFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", "—"), *DossierStatus.choices]
    )
    kind = forms.ChoiceField(label=_("Loại hồ sơ"), required=False, choices=[("", "—"), *DossierKind.choices])
    round = forms.ModelChoiceField(label=_("Đợt đánh giá"), required=False, queryset=Round.objects.none())

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds = selectors.rounds_for_user(user=user).select_related("unit")
        self.fields["round"].queryset = rounds
        if not rounds.exists():
            del self.fields["round"]


class ApplicationForm(forms.Form):
    """Mẫu 01 — Phiếu đăng ký sản phẩm OCOP: the producer's details as the form prints them."""

    representative = forms.CharField(label=_("Người đại diện theo pháp luật"), max_length=120)
    title = forms.CharField(label=_("Chức vụ"), max_length=80, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    product_name = forms.CharField(label=_("Tên sản phẩm đăng ký"), max_length=255)
    notes = forms.CharField(
        label=_("Ghi chú, tài liệu kèm theo"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    story_exists = forms.BooleanField(
        label=_("Sản phẩm có câu chuyện sản phẩm"),
        required=False,
        help_text=_("Tiêu chí “Cấu trúc câu chuyện sản phẩm” chỉ được chấm khi có câu chuyện."),
    )
    samples_count = forms.IntegerField(
        label=_("Số mẫu sản phẩm gửi kèm"),
        min_value=0,
        max_value=50,
        help_text=_("Thường là 5 mẫu; sản phẩm dịch vụ du lịch không gửi mẫu."),
    )

    APPLICATION_KEYS = ("representative", "title", "address", "phone", "email", "product_name", "notes")

    @classmethod
    def initial_for(cls, dossier: Dossier) -> dict[str, Any]:
        return {
            **{key: dossier.application.get(key, "") for key in cls.APPLICATION_KEYS},
            "story_exists": dossier.story_exists,
            "samples_count": dossier.samples_count,
        }

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "application": {key: data.get(key) or "" for key in self.APPLICATION_KEYS},
            "story_exists": bool(data.get("story_exists")),
            "samples_count": data["samples_count"],
        }


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    file = forms.FileField(
        label=_("Tệp (PDF, JPG, PNG, DOCX, XLSX; tối đa 10 MB)"),
        error_messages={"required": _("Hãy chọn tệp tài liệu."), "empty": _("Tệp rỗng; hãy chọn lại tệp.")},
    )
    criterion_code = forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)

    def clean_file(self):
        file = self.cleaned_data["file"]
        problem = evidence_file_problem(file)
        if problem:
            raise forms.ValidationError(problem)
        return file


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do.")},
    )


class CommuneAssessmentForm(forms.Form):
    """Mẫu 03 — Báo cáo đánh giá sản phẩm của UBND cấp xã; may be saved incomplete as a draft."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in COMMUNE_ASSESSMENT_FIELDS.items():
            self.fields[key] = forms.CharField(
                label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
            )


class IntakeForm(forms.Form):
    round = forms.ModelChoiceField(
        label=_("Đợt đánh giá"),
        queryset=Round.objects.none(),
        error_messages={"required": _("Hãy chọn đợt đánh giá cho hồ sơ.")},
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds = selectors.open_rounds_for(dossier)
        self.fields["round"].queryset = rounds
        self.fields["round"].empty_label = _("— chọn đợt đánh giá —")
        open_rounds = list(rounds[:2])
        if len(open_rounds) == 1:
            self.fields["round"].initial = open_rounds[0].pk
        self.fields["round"].label_from_instance = lambda r: (
            f"{r.name} (đề xuất đến {r.proposal_deadline:%d/%m/%Y}, "
            f"hoàn thành đến {r.conclusion_deadline:%d/%m/%Y})"
        )


class AdvisoryForm(forms.Form):
    advisory_report = forms.CharField(
        label=_("Báo cáo của tổ tư vấn"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    field_visit_notes = forms.CharField(
        label=_("Ghi chép khảo sát thực tế tại cơ sở"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    extra_tests = forms.CharField(
        label=_("Kiểm nghiệm bổ sung (chỉ tiêu, nơi kiểm nghiệm, kết quả)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CouncilPickForm(forms.Form):
    council = forms.ModelChoiceField(
        label=_("Hội đồng"),
        queryset=Council.objects.none(),
        error_messages={"required": _("Hãy chọn hội đồng chấm điểm.")},
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = selectors.councils_for(dossier)
        self.fields["council"].empty_label = _("— chọn hội đồng —")


class DisqualifyForm(forms.Form):
    """Disqualification citing the sheet's "Hồ sơ bị loại khi" conditions, plus the officer's own words."""

    conditions = forms.MultipleChoiceField(
        label=_("Điều kiện loại hồ sơ (theo phiếu đánh giá)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Giải thích thêm"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, conditions: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.condition_texts = conditions
        self.fields["conditions"].choices = [(str(i), text) for i, text in enumerate(conditions)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("conditions") and not (data.get("note") or "").strip():
            raise forms.ValidationError(_("Hãy chọn ít nhất một điều kiện loại hồ sơ hoặc ghi rõ lý do."))
        return data

    def reason(self) -> str:
        chosen = [self.condition_texts[int(i)] for i in self.cleaned_data.get("conditions") or []]
        parts = []
        if chosen:
            parts.append("Hồ sơ bị loại khi: " + "; ".join(chosen) + ".")
        note = (self.cleaned_data.get("note") or "").strip()
        if note:
            parts.append(note)
        return " ".join(parts)


def provinces_managed_by(user):
    """Current provinces in which ``user`` may open province rounds."""
    qs = AdminUnit.objects.filter(level=1).current().order_by("name_sort")
    scope = scope_of(user)
    if scope.nationwide:
        candidates = qs
    elif scope.unit is not None:
        candidates = qs.filter(path="/".join(scope.unit.path.split("/")[:3]) + "/")
    else:
        return qs.none()
    allowed = can_manage_rounds(user, level=RoundLevel.PROVINCE, unit=candidates.first())
    return candidates if allowed else qs.none()


def next_round(today: dt.date) -> tuple[int, int]:
    """(year, number) of the next province round still taking proposals on ``today`` (Điều 5)."""
    for year in (today.year, today.year + 1):
        for number, deadlines in enumerate(province_round_deadlines(year), start=1):
            if today <= deadlines.proposals_by:
                return year, number
    return today.year + 1, 1  # pragma: no cover - every year has two rounds


class RoundForm(forms.Form):
    """Open a round: leave the dates empty for the decree's defaults of rounds 1 and 2."""

    level = forms.ChoiceField(label=_("Cấp"), choices=RoundLevel.choices)
    unit = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), queryset=AdminUnit.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2018, max_value=2100)
    number = forms.IntegerField(label=_("Đợt số"), min_value=1, max_value=20)
    name = forms.CharField(label=_("Tên đợt"), max_length=200, required=False)
    proposal_deadline = forms.DateField(
        label=_("Hạn đề xuất"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Để trống: đợt 1 là 30/4 (tỉnh) hoặc 30/01 (trung ương); đợt 2 là 30/10 hoặc 30/7."),
    )
    conclusion_deadline = forms.DateField(
        label=_("Hạn hoàn thành"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Để trống: đợt 1 là 30/6 (tỉnh) hoặc 30/3 (trung ương); đợt 2 là 30/12 hoặc 30/9."),
    )

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = provinces_managed_by(user)
        levels = [
            (value, label)
            for value, label in RoundLevel.choices
            if (value == RoundLevel.CENTRAL and can_manage_rounds(user, level=value))
            or (value == RoundLevel.PROVINCE and self.fields["unit"].queryset.exists())
        ]
        self.fields["level"].choices = levels
        if not self.is_bound:
            year, number = next_round(timezone.localdate())
            self.initial.setdefault("year", year)
            self.initial.setdefault("number", number)
            if levels:
                self.initial.setdefault("level", levels[0][0])
            units = self.fields["unit"].queryset
            if units.count() == 1:
                self.initial.setdefault("unit", units.first())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("level") == RoundLevel.PROVINCE and not data.get("unit"):
            self.add_error("unit", _("Hãy chọn tỉnh/thành phố của đợt đánh giá."))
        if data.get("level") == RoundLevel.CENTRAL:
            data["unit"] = None
        return data


class RoundEditForm(forms.Form):
    name = forms.CharField(label=_("Tên đợt"), max_length=200)
    proposal_deadline = forms.DateField(
        label=_("Hạn đề xuất"), input_formats=DATE_FORMATS, widget=forms.DateInput(format="%d/%m/%Y")
    )
    conclusion_deadline = forms.DateField(
        label=_("Hạn hoàn thành"), input_formats=DATE_FORMATS, widget=forms.DateInput(format="%d/%m/%Y")
    )
    reason = forms.CharField(label=_("Lý do thay đổi"), max_length=255, required=False)

    @staticmethod
    def initial_for(round_: Round) -> dict[str, dt.date | str]:
        return {
            "name": round_.name,
            "proposal_deadline": round_.proposal_deadline,
            "conclusion_deadline": round_.conclusion_deadline,
        }
