"""Forms of the council pages: councils and seats, declarations, the score sheet, reopening, concluding."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ocop.evaluation import domain
from ocop.evaluation.models import Council, Dossier, MemberRole, ScoreSheet
from ocop.evaluation.selectors.scoring import display_name, rounds_manageable_by, users_eligible_for


class CouncilForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Đợt đánh giá"), queryset=None)
    name = forms.CharField(label=_("Tên hội đồng"), max_length=255)
    establishing_decision = forms.CharField(label=_("Quyết định thành lập"), max_length=120, required=False)
    spread_threshold = forms.DecimalField(
        label=_("Ngưỡng chênh lệch điểm"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=Decimal(100),
        help_text=_("Thành viên chấm lệch khỏi điểm trung bình quá ngưỡng này được đánh dấu để thảo luận."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds_manageable_by(user)
        self.fields["spread_threshold"].initial = getattr(settings, "OCOP_SPREAD_THRESHOLD", 10)


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Người dùng"), queryset=None)
    role = forms.ChoiceField(label=_("Vai trò"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    organisation = forms.CharField(label=_("Cơ quan"), max_length=200, required=False)

    def __init__(self, *args, council: Council, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_eligible_for(council).select_related("scope_unit")
        self.fields["user"].label_from_instance = lambda u: (
            f"{display_name(u)} · {u.get_role_display()}"
            + (f" · {u.scope_unit.name}" if u.scope_unit_id else "")
        )


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Kê khai"),
        choices=[
            ("no", _("Tôi không có xung đột lợi ích với chủ thể và sản phẩm của hồ sơ này")),
            ("yes", _("Tôi có xung đột lợi ích (sẽ không chấm hồ sơ này)")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Giải trình"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi có xung đột lợi ích: quan hệ với chủ thể, sản phẩm…"),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ConcludeForm(forms.Form):
    discussed = forms.BooleanField(
        label=_("Hội đồng đã thảo luận các điểm lệch và giữ nguyên điểm"), required=False
    )
    note = forms.CharField(
        label=_("Nội dung thảo luận / ghi chú kết luận"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreSheetForm(forms.Form):
    """One radio group and one comment box per applicable criterion of the dossier's frozen rubric.

    Field names: ``c_<code>`` (the option index) and ``n_<code>`` (the comment), plus ``comment``.
    """

    comment = forms.CharField(
        label=_("Nhận xét chung"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, dossier: Dossier, sheet: ScoreSheet | None = None, **kwargs) -> None:
        lines = {line.criterion_code: line for line in sheet.lines.all()} if sheet else {}
        initial = {"comment": sheet.comment if sheet else ""}
        self.criteria = [
            c
            for c in dossier.rubric.sheet.criteria()
            if domain.is_applicable(c, story_exists=dossier.story_exists)
        ]
        for criterion in self.criteria:
            line = lines.get(criterion.code)
            if line is not None:
                initial[f"c_{criterion.code}"] = str(line.option_index)
                initial[f"n_{criterion.code}"] = line.comment
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for criterion in self.criteria:
            self.fields[f"c_{criterion.code}"] = forms.TypedChoiceField(
                label=f"{criterion.code} {criterion.name}",
                choices=[(str(i), option.text) for i, option in enumerate(criterion.options)],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )
            self.fields[f"n_{criterion.code}"] = forms.CharField(
                label=_("Nhận xét"), required=False, max_length=2000
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        choices = {c.code: data[f"c_{c.code}"] for c in self.criteria if data.get(f"c_{c.code}") is not None}
        comments = {c.code: data.get(f"n_{c.code}") or "" for c in self.criteria}
        return {"choices": choices, "comments": comments, "comment": data.get("comment") or ""}
