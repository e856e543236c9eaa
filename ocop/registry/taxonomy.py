"""Load the product taxonomy (sectors → groups → product sets) of each regime from data/taxonomy.json."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from ocop.registry.models import ProductGroup, ProductSet, Sector

TAXONOMY_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"


@transaction.atomic
def taxonomy_load(*, path: Path = TAXONOMY_FILE) -> dict[str, int]:
    """Create or update every sector, group and set; idempotent. Returns counts per level."""
    data = json.loads(path.read_text(encoding="utf-8"))
    counts = {"sectors": 0, "groups": 0, "sets": 0}
    for regime, sectors in data["regimes"].items():
        for sector_data in sectors:
            sector, _ = Sector.objects.update_or_create(
                regime=regime, code=sector_data["code"], defaults={"name": sector_data["name"]}
            )
            counts["sectors"] += 1
            for group_data in sector_data["groups"]:
                group, _ = ProductGroup.objects.update_or_create(
                    sector=sector, code=group_data["code"], defaults={"name": group_data["name"]}
                )
                counts["groups"] += 1
                for set_data in group_data["sets"]:
                    ProductSet.objects.update_or_create(
                        group=group,
                        number=set_data["number"],
                        defaults={
                            "name": set_data["name"],
                            "managing_ministry": set_data["managing_ministry"],
                        },
                    )
                    counts["sets"] += 1
    return counts
