"""``manage.py load_admin_units``: load or refresh the administrative units and their successions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ocop.geo.domain import MAP_2025, MAP_PRE_2025, Level
from ocop.geo.loader import DATA_DIR, LoadError, LoadReport, load_admin_units

_MAP_LABELS = {MAP_PRE_2025: "before 01/07/2025", MAP_2025: "from 01/07/2025"}
_SHOWN_PER_CATEGORY = 30


class Command(BaseCommand):
    help = (
        "Load or refresh Việt Nam's administrative units (63 provinces before 01/07/2025, 34 after) "
        "and the successions between them, from ocop/geo/data/, in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="folder holding the CSV files (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_admin_units(data_dir=options["data_dir"])
        except LoadError as error:
            lines = [str(error), *(f"  {problem}" for problem in error.problems)]
            raise CommandError("\n".join(lines) + "\nNothing was written.") from error
        self.print_report(report, verbosity=options["verbosity"])

    def print_report(self, report: LoadReport, *, verbosity: int) -> None:
        if verbosity == 0:
            return
        out = self.stdout
        for map_key in (MAP_PRE_2025, MAP_2025):
            counts = ", ".join(
                f"{report.unit_counts[(map_key, level)]} {level.name.lower()}" for level in Level
            )
            out.write(f"Units {_MAP_LABELS[map_key]}: {counts}")
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(report.succession_counts.items()))
        out.write(f"Successions: {sum(report.succession_counts.values())} ({kinds})")
        for label, changes in (("units", report.units), ("successions", report.successions)):
            out.write(
                f"Changes to {label}: {changes.created} created, {changes.updated} updated, "
                f"{changes.deleted} deleted"
            )
            if changes.kept_referenced:
                out.write(
                    self.style.WARNING(
                        f"  {len(changes.kept_referenced)} {label} no longer in the files were kept because "
                        "other records refer to them: " + "; ".join(changes.kept_referenced)
                    )
                )
        categories = Counter(warning.category for warning in report.warnings)
        if categories:
            summary = ", ".join(f"{count} {category}" for category, count in sorted(categories.items()))
            out.write(self.style.WARNING(f"Anomalies worked around: {summary}"))
            for category in sorted(categories):
                if category == "name" and verbosity < 2:
                    continue  # old names that differ from the list: many, and harmless
                shown = [w for w in report.warnings if w.category == category]
                limit = None if verbosity >= 2 else _SHOWN_PER_CATEGORY
                for warning in shown[:limit]:
                    out.write(f"  [{category}] {warning}")
                if limit is not None and len(shown) > limit:
                    out.write(f"  [{category}] … {len(shown) - limit} more (use -v 2)")
            if verbosity < 2 and categories.get("name"):
                out.write("  (use -v 2 to list the old names that differ from the list)")
        out.write(self.style.SUCCESS(f"Done in {report.seconds:.1f} s."))
