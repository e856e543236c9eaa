"""Loading the official lists of administrative units and the 2025 conversion table.

``load_admin_units()`` reads ``ocop/geo/data/`` (never ``../shared``), checks everything, then
creates, updates or removes units and successions in ONE transaction, keyed on
(code, level, valid_from): a second run writes nothing. Any problem below makes the whole load fail
with :class:`LoadError` listing every problem with its file and line; nothing is written then.
Anomalies the loader can work around are kept as warnings (category in brackets) and reported.

Modules: :mod:`.cells` (rows, codes, kind words), :mod:`.notes` (reading a note), :mod:`.plan`
(what the files are read into), :mod:`.parsing` (files → plan, no database), :mod:`.sync`
(plan → database).

The list before 01/07/2025 (``communes-before-2025-07-01.csv``)
---------------------------------------------------------------
* One row per commune: province (name, 2-digit code), district (name, 3-digit code), commune
  (name, 5-digit code), "Cấp", English name. Codes keep their leading zeros; a code that is not
  exactly that many ASCII digits is a problem. Cells are NFC-normalised, spaces collapsed.
* A row with no commune code and no commune name, whose "Cấp" is a district kind ("Huyện"), is a
  district without communes (the island districts Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo).
  Any other row without a commune code is a problem.
* Kinds come from the first words of the name, whatever their case or marks: level 1 "Thành phố"
  → ``thanh_pho_tw``, "Tỉnh" → ``tinh``; level 2 "Quận", "Huyện", "Thị xã", "Thành phố"; level 3
  "Xã", "Phường", "Thị trấn". Those words are re-spelt canonically ("Thị Xã" → "Thị xã"). A commune
  whose name and "Cấp" disagree takes the name's kind [kind] ("Phường 5" of Phú Nhuận says "Xã").
* A code seen twice must carry the same name and parent; a repeated commune code is a problem.
* Units of this map are valid until 01/07/2025 (``valid_from`` empty, ``valid_to`` = REFORM_DATE).

The conversion table (``conversion-2025-07-01.csv``)
----------------------------------------------------
* Rows before the header row (second cell "Tên Xã mới") are titles. A row whose cells after the
  first are all blank is a province heading ("THÀNH PHỐ HÀ NỘI", also "Tỉnh Bắc Ninh (24)") and is
  skipped. Quoted cells may span lines; a row is reported by the line it starts on.
* New side: the province cell must read "Name (NN)" (else "unknown province"); the new commune needs
  a 5-digit code and a name starting with Xã, Phường or Đặc khu (spelling of that word repaired:
  "Xa Ea Kly" → "Xã Ea Kly" [spelling]). A new code listed under two provinces is a problem; under
  two spellings, the first is kept [spelling]. New units: ``valid_from`` = 01/07/2025, provinces at
  level 1, communes directly under them at level 3.
* Old side, in this order:
  1. a row matching an entry of ``errata.csv`` (new code, old code and old name as written) is read
     as that entry says [erratum] (a transposed code; a ward created after the list was published,
     then linked to its old district as a part). An erratum that matches no row is reported;
  2. no old code and no old name: the old district (island district with no communes in the list)
     itself is the predecessor ("Sắp xếp toàn bộ huyện … thành đặc khu …");
  3. no old code and an old name that is not a commune ("Khu vực bãi bồi ven biển do huyện Kim Sơn
     quản lý"): the old district is the predecessor, as a part [area];
  4. no old code otherwise, or a code that is not 5 digits: a problem;
  5. a code in the list: that commune, whatever the name cell says [name]; old district and
     province cells are checked against the list, which wins [district], [province]; a district
     code missing from the list, or a province cell that is not "Name (NN)" with a known code, is
     a problem;
  6. a code not in the list: the one commune of the same old district with the same name
     (accents and case ignored) is used [code]; none or several: a problem ("not in the list").
* Notes are folded to bare letters (marks, case, spaces, quotes and line breaks ignored, so
  "Nhâp một  phần\\n" reads like "Nhập một phần"); the first rule that matches wins:
  "một phần"/"1 phần"/"còn lại" → part; "giữ nguyên" → kept; "đổi tên"/"đổi loại hình" →
  renamed; "toàn bộ" → whole; blank → blank. Anything else is a problem (a new wording needs a
  human decision). Hence "Nhập một phần diện tích, toàn bộ dân số" and "Đổi tên từ một phần
  Phường 15" are parts; "Phần còn lại sau khi tách một phần vào xã Canh Vinh" is a part.
* Succession kind of one row (``notes.succession_kind``): part → ``merged_part``; kept →
  ``kept``; renamed → ``renamed``; whole → ``kept``/``renamed`` (same/different folded full name)
  when the old unit is the only source of the new one and went nowhere else (Thổ Châu, the island
  districts), else ``merged_whole``; blank → like whole, except that an old unit that also went
  into other new units can only have gone there in part → ``merged_part``. In the 2025 table
  every "Giữ nguyên" is the only source of its new commune and a same-named old commune with other
  sources is always written "Nhập toàn bộ" or "Nhập một phần": that is why a blank reads as whole.
  "kept" with another name or other sources, and "whole" for a unit that also went elsewhere
  (Kỳ Lợi: "Nhập toàn bộ diện tích" plus "Nhập một phần dân số" twice) are kept as written and
  reported [note]. The raw note (spaces collapsed) is stored in ``Succession.note``.
* The same old → new pair twice is a problem. Old communes that appear in no row are reported
  [orphan]: most were merged into a neighbour between the list's date and 01/07/2025.
* Derived successions: each old district and old province → every new province its communes went
  into: ``merged_whole`` if one, ``merged_part`` each if several; an old province that is the only
  source of its new province is ``kept`` (same name) or ``renamed``.
* ``coordinates.csv`` (optional) fills latitude/longitude by (map, level, code).
"""

from ocop.geo.loader.parsing import build_plan
from ocop.geo.loader.plan import Issue, Plan, Source
from ocop.geo.loader.sync import DATA_DIR, LoadError, LoadReport, Sources, load_admin_units, read_sources

__all__ = [
    "DATA_DIR",
    "Issue",
    "LoadError",
    "LoadReport",
    "Plan",
    "Source",
    "Sources",
    "build_plan",
    "load_admin_units",
    "read_sources",
]
