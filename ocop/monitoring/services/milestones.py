"""Qualitative milestones of a plan (tasks with a due date) and the documents that prove them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.exceptions import ApplicationError
from ocop.monitoring.models import Milestone, MilestoneEvidence, MilestoneStatus, Plan
from ocop.monitoring.services._common import _check_can_change, _date, _format, _save, _text

# ----------------------------------------------------------------------------------------------------
# Milestones


@transaction.atomic
def milestone_add(
    *, actor, plan: Plan, title: str, due_on: dt.date | None = None, note: str = ""
) -> Milestone:
    """Add a qualitative task (with an optional due date inside the plan's period)."""
    _check_can_change(actor, plan)
    title = _text(title)
    if not title:
        raise ApplicationError(_("Hãy nhập nội dung nhiệm vụ."), field="title")
    if due_on is not None:
        _date(due_on, field="due_on", label=_("thời hạn"))
        if not plan.period_start <= due_on <= plan.period_end:
            raise ApplicationError(
                _("Thời hạn %(due)s nằm ngoài kỳ kế hoạch (%(start)s – %(end)s).")
                % {
                    "due": _format(due_on),
                    "start": _format(plan.period_start),
                    "end": _format(plan.period_end),
                },
                field="due_on",
            )
    last = plan.milestones.aggregate(last=Max("position"))["last"]
    milestone = Milestone(
        plan=plan, position=(last or 0) + 1, title=title, due_on=due_on, note=_text(note, multiline=True)
    )
    _save(milestone, actor=actor, reason=_("Thêm nhiệm vụ"))
    return milestone


@transaction.atomic
def milestone_update(
    *, actor, milestone: Milestone, status: str, done_on: dt.date | None = None, note: str | None = None
) -> Milestone:
    """Set a milestone's status; "done" needs the day it was done (today when not given, never later)."""
    _check_can_change(actor, milestone.plan)
    if status not in MilestoneStatus.values:
        raise ApplicationError(_("Hãy chọn tình trạng của nhiệm vụ."), field="status")
    today = timezone.localdate()
    if status == MilestoneStatus.DONE:
        done_on = today if done_on is None else _date(done_on, field="done_on", label=_("ngày hoàn thành"))
        if done_on > today:
            raise ApplicationError(
                _("Ngày hoàn thành %(day)s ở tương lai.") % {"day": _format(done_on)}, field="done_on"
            )
    else:
        done_on = None
    milestone.status = status
    milestone.done_on = done_on
    if note is not None:
        milestone.note = _text(note, multiline=True)
    _save(milestone, actor=actor, reason=_("Cập nhật tình trạng: %(status)s") % {"status": status})
    return milestone


@transaction.atomic
def milestone_evidence_add(*, actor, milestone: Milestone, title: str, file) -> MilestoneEvidence:
    """Attach a document (PDF, JPG, PNG, DOCX, XLSX; at most 10 MB) proving a milestone."""
    from ocop.evaluation.services.dossiers import evidence_file_problem

    _check_can_change(actor, milestone.plan)
    title = _text(title)
    if not title:
        raise ApplicationError(_("Hãy nhập tên tài liệu."), field="title")
    if file is None:
        raise ApplicationError(_("Hãy chọn tệp tài liệu."), field="file")
    problem = evidence_file_problem(file)
    if problem:
        raise ApplicationError(problem, field="file")
    evidence = MilestoneEvidence(milestone=milestone, title=title, file=file, uploaded_by=actor)
    _save(evidence, actor=actor, reason=_("Thêm tài liệu minh chứng"))
    return evidence
