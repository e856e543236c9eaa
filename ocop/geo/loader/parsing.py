"""Reading the official files into a plan of units and successions (pure: no database access).

The reading rules are listed in the docstring of :mod:`ocop.geo.loader`.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict

from ocop.core.text import normalize
from ocop.geo.domain import MAP_2025, MAP_PRE_2025, Level
from ocop.geo.loader.cells import fold, is_code, kind_of_word, read_rows, split_kind, split_name_code
from ocop.geo.loader.notes import Basis, read_note, succession_kind
from ocop.geo.loader.plan import Edge, Issue, Plan, Source, SuccessionSpec, UnitKey, UnitSpec
from ocop.geo.models import AdminUnitKind, SuccessionKind

DERIVED_NOTE = "Suy ra từ bảng chuyển đổi cấp xã"
NOTE_MAX_LENGTH = 255
_CURRENT_COMMUNE_KINDS = {AdminUnitKind.COMMUNE, AdminUnitKind.WARD, AdminUnitKind.SPECIAL_ZONE}
_BEFORE_HEADER = ["tinh thanh pho", "ma tp", "quan huyen", "ma qh", "phuong xa", "ma px", "cap"]


class _Reader:
    """Builds a :class:`Plan` from the sources, collecting every problem instead of stopping."""

    def __init__(self) -> None:
        self.plan = Plan()
        self.districts_with_communes: set[str] = set()
        self.communes_by_district: dict[str, list[str]] = defaultdict(list)
        self.edges: list[Edge] = []

    # -- reporting ---------------------------------------------------------------------------

    def problem(self, source: Source, line: int | None, message: str) -> None:
        self.plan.problems.append(Issue(source.name, line, message))

    def warn(self, source: Source, line: int | None, category: str, message: str) -> None:
        self.plan.warnings.append(Issue(source.name, line, message, category))

    # -- units -------------------------------------------------------------------------------

    def old(self, level: int, code: str) -> UnitSpec | None:
        return self.plan.units.get((MAP_PRE_2025, level, code))

    def add_unit(self, source: Source, spec: UnitSpec, what: str) -> UnitSpec | None:
        """Register ``spec``; a code seen before must carry the same name and parent."""
        known = self.plan.units.get(spec.key)
        if known is None:
            self.plan.units[spec.key] = spec
            return spec
        if known.parent != spec.parent:
            self.problem(
                source,
                spec.line,
                f"{what} {spec.code} is under {spec.parent and spec.parent[2]} here but under "
                f"{known.parent and known.parent[2]} on line {known.line}",
            )
            return None
        if known.name != spec.name:
            if fold(known.name) == fold(spec.name) or spec.map_key == MAP_2025:
                self.warn(
                    source,
                    spec.line,
                    "spelling",
                    f"{what} {spec.code} is spelt '{spec.name}' here and '{known.name}' on line "
                    f"{known.line}; the first spelling is kept",
                )
            else:
                self.problem(
                    source,
                    spec.line,
                    f"{what} {spec.code} is named '{spec.name}' here but '{known.name}' on line {known.line}",
                )
                return None
        return known

    # -- the list of units before 01/07/2025 -------------------------------------------------

    def read_before(self, source: Source) -> None:
        rows = read_rows(source.text)
        first = next(rows, None)
        if first is None or [fold(cell) for cell in first[1][:7]] != _BEFORE_HEADER:
            self.problem(source, 1, "unexpected header: expected " + ", ".join(_BEFORE_HEADER))
            return
        seen_communes: dict[str, int] = {}
        for line, raw in rows:
            if not any(cell.strip() for cell in raw):
                continue
            if len(raw) < 7:
                self.problem(source, line, f"expected 8 columns, found {len(raw)}")
                continue
            cells = [normalize(cell) for cell in raw] + [""]
            pname, pcode, dname, dcode, cname, ccode, level_word, english = cells[:8]
            if not self.read_before_row(source, line, pname, pcode, dname, dcode):
                continue
            if not ccode and not cname:
                if kind_of_word(level_word, Level.DISTRICT) is None:
                    self.problem(source, line, "missing commune code and name")
                continue
            self.read_before_commune(source, line, dcode, cname, ccode, level_word, english, seen_communes)

    def read_before_row(
        self, source: Source, line: int, pname: str, pcode: str, dname: str, dcode: str
    ) -> bool:
        ok = True
        if not is_code(pcode, Level.PROVINCE):
            self.problem(source, line, f"province code '{pcode}' is not a 2-digit code")
            ok = False
        if not is_code(dcode, Level.DISTRICT):
            self.problem(source, line, f"district code '{dcode}' is not a 3-digit code")
            ok = False
        pkind, pname = split_kind(pname, Level.PROVINCE)
        dkind, dname = split_kind(dname, Level.DISTRICT)
        if pkind is None:
            self.problem(source, line, f"'{pname}' is neither a Tỉnh nor a Thành phố")
            ok = False
        if dkind is None:
            self.problem(source, line, f"'{dname}' is not a Quận, Huyện, Thị xã or Thành phố")
            ok = False
        if not ok or pkind is None or dkind is None:
            return False
        province = UnitSpec(MAP_PRE_2025, Level.PROVINCE, pcode, pname, pkind, None, line=line)
        if self.add_unit(source, province, "province") is None:
            return False
        district = UnitSpec(MAP_PRE_2025, Level.DISTRICT, dcode, dname, dkind, province.key, line=line)
        return self.add_unit(source, district, "district") is not None

    def read_before_commune(
        self,
        source: Source,
        line: int,
        dcode: str,
        cname: str,
        ccode: str,
        level_word: str,
        english: str,
        seen: dict[str, int],
    ) -> None:
        if not is_code(ccode, Level.COMMUNE):
            self.problem(source, line, f"commune code '{ccode}' is not a 5-digit code")
            return
        if not cname:
            self.problem(source, line, f"commune {ccode} has no name")
            return
        if ccode in seen:
            self.problem(source, line, f"commune code {ccode} already used on line {seen[ccode]}")
            return
        seen[ccode] = line
        by_name, cname = split_kind(cname, Level.COMMUNE)
        by_level_word = kind_of_word(level_word, Level.COMMUNE)
        kind = by_name or by_level_word
        if kind is None:
            self.problem(source, line, f"cannot tell whether '{cname}' is a Xã, Phường or Thị trấn")
            return
        if by_name and by_level_word and by_name != by_level_word:
            self.warn(
                source,
                line,
                "kind",
                f"'{cname}' ({ccode}) has Cấp '{level_word}'; the kind word of its name is used",
            )
        parent = (MAP_PRE_2025, int(Level.DISTRICT), dcode)
        commune = UnitSpec(
            MAP_PRE_2025, Level.COMMUNE, ccode, cname, kind, parent, english_name=english, line=line
        )
        self.plan.units[commune.key] = commune
        self.districts_with_communes.add(dcode)
        self.communes_by_district[dcode].append(ccode)

    # -- the conversion table ----------------------------------------------------------------

    def read_conversion(self, source: Source, errata: dict[tuple[str, str, str], dict[str, str]]) -> None:
        rows = read_rows(source.text)
        for line, raw in rows:
            if len(raw) > 1 and fold(raw[1]) == "ten xa moi":
                break
            if line > 10:
                self.problem(source, None, "no header row with 'Tên Xã mới' in its second column")
                return
        else:
            self.problem(source, None, "no header row with 'Tên Xã mới' in its second column")
            return
        used_errata: set[tuple[str, str, str]] = set()
        for line, raw in rows:
            if not any(cell.strip() for cell in raw):
                continue
            if not any(cell.strip() for cell in raw[1:8]):
                continue  # a province heading such as "THÀNH PHỐ HÀ NỘI"
            if len(raw) < 8:
                self.problem(source, line, f"expected at least 8 columns, found {len(raw)}")
                continue
            successor = self.read_new_side(source, line, raw)
            predecessor, forced = self.read_old_side(source, line, raw, errata, used_errata)
            basis = read_note(raw[5])
            if basis is None:
                self.problem(source, line, f"cannot read the note '{normalize(raw[5])}'")
                continue
            if successor and predecessor:
                note = normalize(raw[5])[:NOTE_MAX_LENGTH]
                self.edges.append(Edge(line, predecessor, successor, forced or basis, note))
        for key, erratum in errata.items():
            if key not in used_errata:
                self.warn(
                    Source(erratum.get("_source", "errata.csv"), ""),
                    int(erratum.get("_line", 0)) or None,
                    "erratum",
                    f"erratum for new {key[0]} / old {key[1]} '{erratum['old_name']}' matched no row",
                )

    def read_new_side(self, source: Source, line: int, raw: list[str]) -> UnitKey | None:
        province_cell = split_name_code(raw[0])
        if province_cell is None or not is_code(province_cell[1], Level.PROVINCE):
            self.problem(source, line, f"unknown province '{normalize(raw[0])}' (expected 'Name (NN)')")
            return None
        pkind, pname = split_kind(province_cell[0], Level.PROVINCE)
        if pkind is None:
            self.problem(source, line, f"'{province_cell[0]}' is neither a Tỉnh nor a Thành phố")
            return None
        province = UnitSpec(MAP_2025, Level.PROVINCE, province_cell[1], pname, pkind, None, line=line)
        if self.add_unit(source, province, "province") is None:
            return None
        name, code = normalize(raw[1]), normalize(raw[2])
        if not is_code(code, Level.COMMUNE):
            self.problem(source, line, f"new commune code '{code}' is not a 5-digit code")
            return None
        kind, canonical = split_kind(name, Level.COMMUNE)
        if kind not in _CURRENT_COMMUNE_KINDS:
            self.problem(source, line, f"new commune '{name}' is not a Xã, Phường or Đặc khu")
            return None
        if canonical != name:
            self.warn(source, line, "spelling", f"kind word of '{name}' spelt '{canonical}'")
        commune = UnitSpec(MAP_2025, Level.COMMUNE, code, canonical, str(kind), province.key, line=line)
        known = self.add_unit(source, commune, "new commune")
        return known.key if known else None

    def read_old_side(
        self,
        source: Source,
        line: int,
        raw: list[str],
        errata: dict[tuple[str, str, str], dict[str, str]],
        used_errata: set[tuple[str, str, str]],
    ) -> tuple[UnitKey | None, Basis | None]:
        """The old unit of a row, and the basis it imposes when the note cannot apply as written."""
        old_name, old_code, new_code = normalize(raw[3]), normalize(raw[4]), normalize(raw[2])
        erratum_key = (new_code, old_code, fold(old_name))
        if erratum_key in errata:
            used_errata.add(erratum_key)
            return self.apply_erratum(source, line, errata[erratum_key])
        if not old_code:
            return self.read_codeless_old(source, line, raw, old_name)
        if not is_code(old_code, Level.COMMUNE):
            self.problem(source, line, f"old commune code '{old_code}' is not a 5-digit code")
            return None, None
        commune = self.old(Level.COMMUNE, old_code)
        district = self.district_cell(source, line, raw[6])
        self.check_old_province(source, line, raw[7], commune or district)
        if commune is None:
            return self.resolve_by_name(source, line, old_name, old_code, district), None
        if fold(split_kind(old_name, Level.COMMUNE)[1]) != fold(commune.name):
            self.warn(
                source,
                line,
                "name",
                f"old commune {old_code} is '{old_name}' here but '{commune.name}' in the list",
            )
        if district and commune.parent != district.key:
            self.warn(
                source,
                line,
                "district",
                f"old commune {old_code} is in district {commune.parent and commune.parent[2]} in the "
                f"list, not {district.code}; the list is followed",
            )
        return commune.key, None

    def apply_erratum(
        self, source: Source, line: int, erratum: dict[str, str]
    ) -> tuple[UnitKey | None, Basis | None]:
        level = Level.COMMUNE if erratum["resolution"] == "commune" else Level.DISTRICT
        target = self.old(level, erratum["target"])
        if target is None:
            self.problem(source, line, f"erratum target {erratum['resolution']} {erratum['target']} unknown")
            return None, None
        self.warn(
            source,
            line,
            "erratum",
            f"old '{erratum['old_name']}' ({erratum['old_code']}) read as {target.name} ({target.code}): "
            f"{erratum['reason']}",
        )
        return target.key, (Basis.PART if level == Level.DISTRICT else None)

    def read_codeless_old(
        self, source: Source, line: int, raw: list[str], old_name: str
    ) -> tuple[UnitKey | None, Basis | None]:
        district = self.district_cell(source, line, raw[6])
        if district is None:
            self.problem(source, line, "missing old commune code (and no known district)")
            return None, None
        self.check_old_province(source, line, raw[7], district)
        if not old_name:
            if district.code in self.districts_with_communes:
                self.problem(source, line, f"missing old commune code in district {district.code}")
                return None, None
            # A district with no communes (an island district) became a special zone.
            return district.key, None
        if split_kind(old_name, Level.COMMUNE)[0] is None:
            self.warn(
                source,
                line,
                "area",
                f"'{old_name}' has no code and is no commune: read as part of {district.name}",
            )
            return district.key, Basis.PART
        self.problem(source, line, f"missing code of old commune '{old_name}'")
        return None, None

    def district_cell(self, source: Source, line: int, cell: str) -> UnitSpec | None:
        parsed = split_name_code(cell)
        if parsed is None or not is_code(parsed[1], Level.DISTRICT):
            self.problem(source, line, f"unreadable old district '{normalize(cell)}' (expected 'Name (NNN)')")
            return None
        district = self.old(Level.DISTRICT, parsed[1])
        if district is None:
            self.problem(source, line, f"old district {parsed[1]} ('{parsed[0]}') is not in the list")
        elif fold(split_kind(parsed[0], Level.DISTRICT)[1]) != fold(district.name):
            self.warn(
                source,
                line,
                "name",
                f"old district {parsed[1]} is '{parsed[0]}' here but '{district.name}' in the list",
            )
        return district

    def check_old_province(self, source: Source, line: int, cell: str, unit: UnitSpec | None) -> None:
        parsed = split_name_code(cell)
        if parsed is None or not is_code(parsed[1], Level.PROVINCE):
            self.problem(source, line, f"unknown old province '{normalize(cell)}' (expected 'Name (NN)')")
            return
        if self.old(Level.PROVINCE, parsed[1]) is None:
            self.problem(source, line, f"unknown old province {parsed[1]} ('{parsed[0]}')")
            return
        province = unit
        while province is not None and province.parent is not None:
            province = self.plan.units.get(province.parent)
        if province is not None and province.code != parsed[1]:
            self.warn(
                source,
                line,
                "province",
                f"old province cell says {parsed[1]} ('{parsed[0]}') but {unit and unit.code} is in "
                f"{province.code} ({province.name}) in the list; the list is followed",
            )

    def resolve_by_name(
        self, source: Source, line: int, old_name: str, old_code: str, district: UnitSpec | None
    ) -> UnitKey | None:
        """An old code missing from the list, matched on its name within its district."""
        folded = fold(split_kind(old_name, Level.COMMUNE)[1])
        matches = [
            code
            for code in self.communes_by_district.get(district.code if district else "", [])
            if fold(self.plan.units[(MAP_PRE_2025, Level.COMMUNE, code)].name) == folded
        ]
        if len(matches) != 1:
            self.problem(
                source, line, f"old commune code {old_code} ('{old_name}') is not in the pre-2025 list"
            )
            return None
        self.warn(
            source,
            line,
            "code",
            f"old commune code {old_code} is not in the list; '{old_name}' of the same district is "
            f"{matches[0]} there, which is used",
        )
        return (MAP_PRE_2025, int(Level.COMMUNE), matches[0])

    # -- successions -------------------------------------------------------------------------

    def build_successions(self, source: Source) -> None:
        pairs: dict[tuple[UnitKey, UnitKey], int] = {}
        sources_of: dict[UnitKey, set[UnitKey]] = defaultdict(set)
        successors_of: dict[UnitKey, set[UnitKey]] = defaultdict(set)
        for edge in self.edges:
            pair = (edge.predecessor, edge.successor)
            if pair in pairs:
                self.problem(
                    source,
                    edge.line,
                    f"old {pair[0][2]} → new {pair[1][2]} already given on line {pairs[pair]}",
                )
                continue
            pairs[pair] = edge.line
            sources_of[edge.successor].add(edge.predecessor)
            successors_of[edge.predecessor].add(edge.successor)
        units = self.plan.units
        for edge in self.edges:
            if pairs.get((edge.predecessor, edge.successor)) != edge.line:
                continue
            old, new = units[edge.predecessor], units[edge.successor]
            sole_source = len(sources_of[edge.successor]) == 1
            sole_successor = len(successors_of[edge.predecessor]) == 1
            kind = succession_kind(
                edge.basis,
                sole_source=sole_source,
                sole_successor=sole_successor,
                same_name=fold(old.name) == fold(new.name),
            )
            if kind == SuccessionKind.KEPT and not (sole_source and fold(old.name) == fold(new.name)):
                self.warn(source, edge.line, "note", f"'{edge.note}' for {old.name} → {new.name}")
            if kind == SuccessionKind.MERGED_WHOLE and not sole_successor:
                others = ", ".join(
                    sorted(key[2] for key in successors_of[edge.predecessor] if key != edge.successor)
                )
                self.warn(
                    source,
                    edge.line,
                    "note",
                    f"{old.name} ({old.code}) went wholly into {new.code} ('{edge.note}') "
                    f"but also into {others}",
                )
            self.plan.successions[(edge.predecessor, edge.successor)] = SuccessionSpec(
                edge.predecessor, edge.successor, str(kind), edge.note
            )
        for key, unit in units.items():
            if key[0] == MAP_PRE_2025 and key[1] == Level.COMMUNE and key not in successors_of:
                self.warn(
                    source,
                    None,
                    "orphan",
                    f"old commune {unit.code} {unit.name} (district {unit.parent and unit.parent[2]}) "
                    "appears in no row of the conversion table",
                )
        self.derive_successions(successors_of)

    def derive_successions(self, successors_of: dict[UnitKey, set[UnitKey]]) -> None:
        """District → new province and province → new province, from the commune-level links."""
        units = self.plan.units
        targets: dict[UnitKey, Counter[UnitKey]] = defaultdict(Counter)
        for old_key, new_keys in successors_of.items():
            chain = []
            unit: UnitSpec | None = units[old_key]
            while unit is not None:
                chain.append(unit.key)
                unit = units.get(unit.parent) if unit.parent else None
            for new_key in new_keys:
                new_province = units[new_key].parent or new_key
                for ancestor in chain:
                    if ancestor[1] < Level.COMMUNE:
                        targets[ancestor][new_province] += 1
        sources_of: dict[UnitKey, set[UnitKey]] = defaultdict(set)
        for old_key, counter in targets.items():
            if old_key[1] == Level.PROVINCE:
                for new_key in counter:
                    sources_of[new_key].add(old_key)
        for old_key in sorted(targets):
            counter = targets[old_key]
            for new_key, rows in sorted(counter.items()):
                kind = SuccessionKind.MERGED_WHOLE if len(counter) == 1 else SuccessionKind.MERGED_PART
                if old_key[1] == Level.PROVINCE and len(counter) == 1 and len(sources_of[new_key]) == 1:
                    same = fold(units[old_key].name) == fold(units[new_key].name)
                    kind = SuccessionKind.KEPT if same else SuccessionKind.RENAMED
                self.plan.successions[(old_key, new_key)] = SuccessionSpec(
                    old_key, new_key, str(kind), f"{DERIVED_NOTE} ({rows} dòng)"
                )

    # -- finishing ---------------------------------------------------------------------------

    def apply_coordinates(self, source: Source) -> None:
        rows = read_rows(source.text)
        header = next(rows, None)
        if header is None or [cell.strip() for cell in header[1]] != [
            "map",
            "level",
            "code",
            "latitude",
            "longitude",
        ]:
            self.problem(source, 1, "expected header map,level,code,latitude,longitude")
            return
        for line, cells in rows:
            try:
                map_key, level, code, latitude, longitude = cells
                spec = self.plan.units.get((map_key, int(level), code))
                if spec is not None:
                    spec.latitude, spec.longitude = float(latitude), float(longitude)
            except ValueError:
                self.problem(source, line, f"unreadable coordinates row {cells!r}")

    def assign_paths(self) -> None:
        for spec in sorted(self.plan.units.values(), key=lambda spec: spec.level):
            parent = self.plan.units.get(spec.parent) if spec.parent else None
            prefix = parent.path if parent else f"/{spec.map_key}/"
            spec.path = f"{prefix}{spec.code}/"


def read_errata(source: Source | None) -> tuple[dict[tuple[str, str, str], dict[str, str]], list[Issue]]:
    """Errata keyed by (new code, old code as written, folded old name as written)."""
    if source is None:
        return {}, []
    errata: dict[tuple[str, str, str], dict[str, str]] = {}
    problems: list[Issue] = []
    reader = csv.DictReader(io.StringIO(source.text, newline=""))
    expected = {"new_code", "old_code", "old_name", "resolution", "target", "reason"}
    if not expected <= set(reader.fieldnames or []):
        return {}, [Issue(source.name, 1, "expected columns " + ", ".join(sorted(expected)))]
    for row in reader:
        line = reader.line_num
        row = {key: normalize(value) for key, value in row.items() if key}
        if row["resolution"] not in {"commune", "district"}:
            problems.append(
                Issue(source.name, line, f"resolution '{row['resolution']}' is not commune/district")
            )
            continue
        row["_source"], row["_line"] = source.name, str(line)
        errata[(row["new_code"], row["old_code"], fold(row["old_name"]))] = row
    return errata, problems


def build_plan(
    *, before: Source, conversion: Source, errata: Source | None = None, coordinates: Source | None = None
) -> Plan:
    """Read the sources into a :class:`Plan`; check ``plan.problems`` before using it."""
    reader = _Reader()
    errata_rows, errata_problems = read_errata(errata)
    reader.plan.problems.extend(errata_problems)
    reader.read_before(before)
    if reader.plan.problems:
        return reader.plan  # the conversion table cannot be checked against a broken list
    reader.read_conversion(conversion, errata_rows)
    reader.build_successions(conversion)
    if coordinates is not None:
        reader.apply_coordinates(coordinates)
    reader.assign_paths()
    return reader.plan
