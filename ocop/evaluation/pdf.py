"""A council member's score sheet as a PDF, laid out like the legal sheet (QĐ 26/2026 Phụ lục II).

Header (product name, product code, producer, address), the criteria table with the ticked option and its
points, part totals and the total, the member's name and a signature line, and a QR code that leads to the
dossier's page. Rendered with WeasyPrint in DejaVu Sans, which carries every Vietnamese letter.
"""

from __future__ import annotations

from decimal import Decimal

import segno
from django.template.loader import render_to_string
from django.utils import timezone

from ocop.evaluation import domain
from ocop.evaluation.models import ScoreSheet, SheetStatus
from ocop.evaluation.selectors.scoring import display_name


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as a PNG data URI (segno writes PNG itself)."""
    return segno.make(url, error="m").png_data_uri(scale=4, border=2)


def sheet_context(sheet: ScoreSheet, *, dossier_url: str) -> dict:
    """What the PDF template needs: the frozen rubric walked in order with the member's choices."""
    dossier = sheet.dossier
    rubric = dossier.rubric.sheet
    lines = {line.criterion_code: line for line in sheet.lines.all()}
    parts = []
    for part in rubric.parts:
        rows: list[dict] = []
        part_total = Decimal(0)
        for group in part.groups:
            rows.append({"kind": "group", "code": group.code, "name": group.name, "max": group.max})
            for criterion in group.criteria:
                line = lines.get(criterion.code)
                applicable = domain.is_applicable(criterion, story_exists=dossier.story_exists)
                option = criterion.options[line.option_index] if line is not None else None
                if line is not None:
                    part_total += line.points
                rows.append(
                    {
                        "kind": "criterion",
                        "code": criterion.code,
                        "name": criterion.name,
                        "max": criterion.max,
                        "applicable": applicable,
                        "option": option.text if option else "",
                        "star": option.star if option else None,
                        "points": line.points if line is not None else None,
                        "comment": line.comment if line is not None else "",
                    }
                )
        parts.append(
            {"code": part.code, "name": part.name, "max": part.max, "rows": rows, "total": part_total}
        )
    product = dossier.product_snapshot or {}
    producer = dossier.producer_snapshot or {}
    return {
        "sheet": sheet,
        "dossier": dossier,
        "rubric": rubric,
        "parts": parts,
        "running_total": sum((line.points for line in lines.values()), Decimal(0)),
        "product_name": product.get("name") or dossier.product.name,
        "product_code": product.get("ocop_code") or dossier.product.ocop_code,
        "producer_name": producer.get("name") or dossier.producer.name,
        "producer_address": ", ".join(
            x for x in (producer.get("address"), producer.get("commune"), producer.get("province")) if x
        ),
        "member_name": display_name(sheet.member.user),
        "member": sheet.member,
        "is_draft": sheet.status != SheetStatus.SUBMITTED,
        "qr": qr_data_uri(dossier_url),
        "dossier_url": dossier_url,
        "printed_at": timezone.localtime(),
    }


def score_sheet_pdf(sheet: ScoreSheet, *, dossier_url: str) -> bytes:
    """The member's score sheet as PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        "evaluation/scoring/sheet_pdf.html", sheet_context(sheet, dossier_url=dossier_url)
    )
    return HTML(string=html, base_url=dossier_url).write_pdf()
