"""``manage.py export_rubric N``: print product set N's score sheet as JSON, to check against the law."""

import json

from django.core.management.base import BaseCommand, CommandError

from ocop.evaluation.rubrics import CURRENT_REGIME, load_regime


class Command(BaseCommand):
    help = (
        "In phiếu đánh giá của một bộ sản phẩm (1–26) dạng JSON: mã tiêu chí, điểm tối đa, điểm và dấu sao."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("product_set", type=int, help="Số thứ tự bộ sản phẩm, 1–26")
        parser.add_argument("--regime", default=CURRENT_REGIME)

    def handle(self, *args, product_set: int, regime: str, **options) -> None:
        sheets = load_regime(regime)
        if product_set not in sheets:
            raise CommandError(f"Không có bộ sản phẩm số {product_set} (chọn từ 1 đến {max(sheets)}).")
        sheet = sheets[product_set]
        out = {
            "regime": sheet.regime,
            "product_set": sheet.product_set,
            "title": sheet.title,
            "total": sheet.max,
            "parts": {part.code: part.max for part in sheet.parts},
            "criteria": [
                {
                    "code": c.code,
                    "name": c.name,
                    "max": c.max,
                    "condition": c.condition,
                    "options": [
                        {
                            "text": o.text,
                            "points": o.points,
                            "star": o.star,
                            **({"case": o.case} if o.case else {}),
                        }
                        for o in c.options
                    ],
                }
                for c in sheet.criteria()
            ],
        }
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=str))
