"""Writing a plan to the database: create, update or remove units and successions in one transaction."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from ocop.core.text import fold, sort_key
from ocop.geo.domain import MAP_2025, MAP_PRE_2025, REFORM_DATE, Level
from ocop.geo.loader.parsing import build_plan
from ocop.geo.loader.plan import Issue, Plan, Source, UnitKey, UnitSpec
from ocop.geo.models import AdminUnit, Succession

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BEFORE_FILE = "communes-before-2025-07-01.csv"
CONVERSION_FILE = "conversion-2025-07-01.csv"
ERRATA_FILE = "errata.csv"
COORDINATES_FILE = "coordinates.csv"

BATCH_SIZE = 1000
_IN_CHUNK = 500  # ids per "IN (…)" clause, well under SQLite's limit on query parameters
_UNIT_FIELDS = [
    "name",
    "name_folded",
    "name_sort",
    "kind",
    "parent_id",
    "path",
    "valid_to",
    "english_name",
    "latitude",
    "longitude",
]
# Validity of each map version: (valid_from, valid_to).
_VALIDITY = {MAP_PRE_2025: (None, REFORM_DATE), MAP_2025: (REFORM_DATE, None)}


class LoadError(Exception):
    """The files are not fit to load; ``problems`` says where and why. Nothing was written."""

    def __init__(self, problems: Sequence[Issue]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the administrative-unit files")


@dataclass
class Changes:
    """What one load did to one table."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept_referenced: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.created or self.updated or self.deleted)


@dataclass
class LoadReport:
    """Counts of what the files hold, what changed, the anomalies worked around, and the time taken."""

    unit_counts: dict[tuple[str, int], int]
    succession_counts: Counter[str]
    units: Changes
    successions: Changes
    warnings: list[Issue]
    seconds: float = 0.0


@dataclass(frozen=True)
class Sources:
    """The files to read: both official files, and the optional errata and coordinates."""

    before: Source
    conversion: Source
    errata: Source | None = None
    coordinates: Source | None = None


def read_sources(data_dir: Path = DATA_DIR) -> Sources:
    """The files of ``data_dir`` (errata and coordinates only if present)."""

    def optional(file: str) -> Source | None:
        return Source.from_path(data_dir / file) if (data_dir / file).exists() else None

    return Sources(
        before=Source.from_path(data_dir / BEFORE_FILE),
        conversion=Source.from_path(data_dir / CONVERSION_FILE),
        errata=optional(ERRATA_FILE),
        coordinates=optional(COORDINATES_FILE),
    )


def load_admin_units(*, data_dir: Path = DATA_DIR, sources: Sources | None = None) -> LoadReport:
    """Load or refresh both maps and their successions from the files, idempotently, in one transaction.

    ``sources`` replaces the files of ``data_dir`` (tests pass small snippets). Raises
    :class:`LoadError` listing every problem found, before anything is written.
    """
    started = time.perf_counter()
    sources = sources or read_sources(data_dir)
    plan = build_plan(
        before=sources.before,
        conversion=sources.conversion,
        errata=sources.errata,
        coordinates=sources.coordinates,
    )
    if plan.problems:
        raise LoadError(plan.problems)
    with transaction.atomic():
        unit_changes, ids = _sync_units(plan)
        succession_changes = _sync_successions(plan, ids)
        _delete_stale_units(unit_changes, ids)
    return LoadReport(
        unit_counts={(m, lv): plan.count(m, lv) for m in (MAP_PRE_2025, MAP_2025) for lv in Level},
        succession_counts=plan.succession_counts(),
        units=unit_changes,
        successions=succession_changes,
        warnings=plan.warnings,
        seconds=time.perf_counter() - started,
    )


class _UnitIds(dict[UnitKey, int]):
    """Ids of the units in the plan, plus the stale rows found in the database."""

    stale: dict[int, dict[str, Any]]


def _map_of(valid_from: Any) -> str:
    return MAP_2025 if valid_from == REFORM_DATE else MAP_PRE_2025


def _managed_units() -> Iterable[dict[str, Any]]:
    """The rows of both maps: keyed by (code, level, valid_from), as the unique constraint says."""
    return AdminUnit.objects.filter(Q(valid_from__isnull=True) | Q(valid_from=REFORM_DATE)).values(
        "id", "code", "level", "valid_from", *_UNIT_FIELDS
    )


def _desired(spec: UnitSpec, ids: dict[UnitKey, int]) -> dict[str, Any]:
    return {
        "name": spec.name,
        "name_folded": fold(spec.name),
        "name_sort": sort_key(spec.name),
        "kind": spec.kind,
        "parent_id": ids[spec.parent] if spec.parent else None,
        "path": spec.path,
        "valid_to": _VALIDITY[spec.map_key][1],
        "english_name": spec.english_name,
        "latitude": spec.latitude,
        "longitude": spec.longitude,
    }


def _sync_units(plan: Plan) -> tuple[Changes, _UnitIds]:
    existing = {(_map_of(row["valid_from"]), row["level"], row["code"]): row for row in _managed_units()}
    ids = _UnitIds()
    changes = Changes()
    for level in Level:
        specs = [spec for spec in plan.units.values() if spec.level == level]
        to_create: list[AdminUnit] = []
        to_update: list[AdminUnit] = []
        for spec in specs:
            desired = _desired(spec, ids)
            row = existing.get(spec.key)
            if row is None:
                to_create.append(
                    AdminUnit(
                        code=spec.code, level=spec.level, valid_from=_VALIDITY[spec.map_key][0], **desired
                    )
                )
                continue
            ids[spec.key] = row["id"]
            if any(row[name] != value for name, value in desired.items()):
                to_update.append(AdminUnit(id=row["id"], **desired))
        AdminUnit.objects.bulk_update(to_update, _UNIT_FIELDS, batch_size=BATCH_SIZE)
        created = AdminUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if any(unit.pk is None for unit in created):  # a backend that does not return ids
            keys = {(unit.code, unit.valid_from) for unit in created}
            for unit_id, code, valid_from in AdminUnit.objects.filter(level=level).values_list(
                "id", "code", "valid_from"
            ):
                if (code, valid_from) in keys:
                    ids[(_map_of(valid_from), int(level), code)] = unit_id
        else:
            for unit in created:
                ids[(_map_of(unit.valid_from), int(level), unit.code)] = unit.pk
        changes.created += len(created)
        changes.updated += len(to_update)
    ids.stale = {row["id"]: row for key, row in existing.items() if key not in plan.units}
    return changes, ids


def _sync_successions(plan: Plan, ids: dict[UnitKey, int]) -> Changes:
    desired = {
        (ids[spec.predecessor], ids[spec.successor]): (spec.kind, spec.note)
        for spec in plan.successions.values()
    }
    changes = Changes()
    to_update: list[Succession] = []
    stale: list[int] = []
    for row in Succession.objects.filter(effective_on=REFORM_DATE).values(
        "id", "predecessor_id", "successor_id", "kind", "note"
    ):
        pair = (row["predecessor_id"], row["successor_id"])
        wanted = desired.pop(pair, None)
        if wanted is None:
            stale.append(row["id"])
        elif wanted != (row["kind"], row["note"]):
            to_update.append(Succession(id=row["id"], kind=wanted[0], note=wanted[1]))
    for chunk in _chunks(stale):
        changes.deleted += Succession.objects.filter(id__in=chunk).delete()[0]
    Succession.objects.bulk_update(to_update, ["kind", "note"], batch_size=BATCH_SIZE)
    Succession.objects.bulk_create(
        [
            Succession(predecessor_id=pred, successor_id=succ, kind=kind, note=note, effective_on=REFORM_DATE)
            for (pred, succ), (kind, note) in desired.items()
        ],
        batch_size=BATCH_SIZE,
    )
    changes.created, changes.updated = len(desired), len(to_update)
    return changes


def _delete_stale_units(changes: Changes, ids: _UnitIds) -> None:
    """Remove units no longer in the files, unless something still refers to them (then report them)."""
    stale = ids.stale
    if not stale:
        return
    referenced: set[int] = set()
    relations = [
        field
        for field in AdminUnit._meta.get_fields(include_hidden=True)  # hidden: related_name="+"
        if field.is_relation and field.auto_created and not field.concrete
    ]
    for relation in relations:
        if relation.related_model is AdminUnit:
            continue  # children: handled below, bottom-up
        manager = relation.related_model._base_manager
        for chunk in _chunks(list(stale)):
            referenced.update(
                manager.filter(**{f"{relation.field.name}__in": chunk})
                .values_list(relation.field.name, flat=True)
                .distinct()
            )
    # Units outside the plan that sit under a stale unit keep it too (parent is PROTECT) …
    for chunk in _chunks(list(stale)):
        children = AdminUnit.objects.filter(parent_id__in=chunk).values_list("id", "parent_id")
        referenced.update(parent_id for child_id, parent_id in children if child_id not in stale)
    # … and a kept unit keeps its ancestors.
    keep: set[int] = set()
    for unit_id in referenced:
        while unit_id in stale and unit_id not in keep:
            keep.add(unit_id)
            unit_id = stale[unit_id]["parent_id"]
    changes.kept_referenced = sorted(
        f"{stale[unit_id]['code']} {stale[unit_id]['name']}" for unit_id in keep if unit_id in stale
    )
    for level in sorted(Level, reverse=True):
        doomed = [uid for uid, row in stale.items() if row["level"] == level and uid not in keep]
        for chunk in _chunks(doomed):
            changes.deleted += AdminUnit.objects.filter(id__in=chunk).delete()[1].get("geo.AdminUnit", 0)


def _chunks(values: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]
