"""Dev tool: extract the 26 score sheets of QĐ 26/2026/QĐ-TTg (Phụ lục II) into qd26_2026/set_NN.json.

Usage, from the project root (``--dry-run`` parses and validates without writing)::

    .venv/bin/python -m ocop.evaluation.rubrics.extract_qd26 /work/shared/sources/qd-26-2026-QD-TTg.txt
    .venv/bin/python -m ocop.evaluation.rubrics.extract_qd26 TEXT --out DIR --dry-run

Input: the plain text of the decision, in which table cells are separated by lines holding only
``|``. Output: one UTF-8, NFC, pretty-printed JSON file per product set. The application never runs
this script and never reads the legal text: it reads the JSON files committed beside this module
(``schema.load_regime``).

How it works:

1. Each sheet is found by its "Mã số sản phẩm" header line; its heading ("1. Bộ sản phẩm: …"),
   classification line ("(Sản phẩm: … Nhóm: …)") and disqualification box ("Hồ sơ bị loại khi: …")
   are read from the lines around it.
2. The table from "Các tiêu chí | Thang điểm" to "TỔNG CỘNG | 100" is cut into cells; a text cell
   followed by a numeric (or blank) cell is a row with points, a text cell followed by another text
   cell has none (the source sometimes omits the empty points cell of an explanation row).
3. Rows are classified by their leading text ("Phần A", "1. HEADING", "1.1.", "6.1.1", "□ option",
   "Ghi chú:"/"Chú ý:", "Yêu cầu:", "Chỉ áp dụng khi…", "Lựa chọn một trong hai trường hợp",
   "a. Trường hợp 1", "(explanation)") and assembled into Part → Group → Criterion → Option. A group
   printed without numbered criteria (e.g. "7. DINH DƯỠNG") becomes a group holding one criterion
   with the group's code and name. Anything unrecognised stops the run.
4. ``FIXES`` then corrects the evident typos of the printed text. Every fix names the value the text
   prints and is refused if the parsed value differs (so a changed source cannot be silently
   "corrected"); every fix, and every other reading decision in ``READINGS``, is written into the
   sheet's ``notes`` and is mirrored by hand in ``qd26_2026/DECISIONS.md``.
5. The result is loaded through ``schema.rubric_from_dict`` and checked with ``schema.validate``;
   the files are written only if all 26 sheets validate with zero problems.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocop.evaluation.rubrics.schema import CONDITIONS, rubric_from_dict, rubric_to_dict, validate

REGIME = "26/2026"
INSTRUMENT = "QĐ 26/2026/QĐ-TTg"
DEFAULT_OUT = Path(__file__).resolve().parent / "qd26_2026"
SET_COUNT = 26

# ----------------------------------------------------------------------------------------------------
# Hand decisions. Paths: part "A"; group "6"; sub-group or criterion "6.1" / "6.1.1"; option "6.1#2"
# (2nd option, counted from 1 in printed order). Fields: "max" (of a part/group/sub-group/criterion),
# "points" and "text" (of an option), "heading_max" (the "(40 Điểm)" printed in a part heading).


@dataclass(frozen=True)
class Fix:
    """A correction of an evident typo: at ``path`` the text prints ``printed``; we encode ``encoded``."""

    product_set: int
    path: str
    field: str
    printed: Any
    encoded: Any
    reason: str


FIXES: tuple[Fix, ...] = (
    *(
        Fix(
            number,
            "1.2#1",
            "points",
            "",
            0,
            "the points cell of 'Không được cấp giấy chứng nhận chất lượng' is blank; the same option "
            "prints 0 in the sibling sheets (sets 1, 3, 6, 8, 12, 13, 18) and the other two options "
            "score 1 and 2 with a maximum of 2, so the blank is the 0 of the ladder",
        )
        for number in (4, 7, 10, 11)
    ),
    Fix(
        4,
        "7#3",
        "points",
        "13",
        3,
        "'Có trên 2 chỉ tiêu' prints 13 under a criterion whose maximum is 3 (options 0 / 1 / 13); the "
        "same option scores 3 in sets 1 and 3 and Part C sums to 35 only with 3: a stray leading '1'",
    ),
    Fix(
        11,
        "6.1.1#2",
        "points",
        "11",
        1,
        "the criterion's maximum is 2 and its options read 0 / 11 / 2; the middle option of the same "
        "0-1-2 ladder scores 1 in the sibling sheets (set 13 6.1.1, sets 5/9/10 6.1 'Có rất ít tạp chất' "
        "= 1): a doubled digit",
    ),
    Fix(
        23,
        "9",
        "max",
        "4 1",
        4,
        "the points cell of the heading holds two numbers, '4' and '1'; the options score 2 and 4 and "
        "Part C sums to 35 only with 4 (14 + 8 + 4 + 4 + 5): the stray '1' is ignored",
    ),
    Fix(
        26,
        "A",
        "heading_max",
        35,
        40,
        "the heading prints 'Phần A … (35 Điểm)' but its points cell prints 40, its groups sum to 40 (14 "
        "+ 12 + 14), the sheet totals 100 only with 40, and every other sheet's Part A is 40",
    ),
)


@dataclass(frozen=True)
class TextFix:
    """A cleanup of printed text that is not legal content (stray punctuation); recorded like a ``Fix``."""

    product_set: int
    path: str
    printed: str
    encoded: str
    reason: str


TEXT_FIXES: tuple[TextFix, ...] = (
    TextFix(
        25,
        "6.2#3",
        "Rất đẹp, bắt mắt và ấn tượng so với đặc tính sản phẩm :",
        "Rất đẹp, bắt mắt và ấn tượng so với đặc tính sản phẩm",
        "a stray ' :' ends the option; it may be the remnant of a lost star mark (the same option "
        "carries ***** in set 23 but none in set 24), which we cannot restore: no star is encoded, as "
        "printed",
    ),
)

#: How each printed "Hồ sơ bị loại khi" box is split into separate conditions (any one disqualifies). The key
#: is the printed text (whitespace collapsed); items keep the printed words, "hoặc" dropped, first letter
#: capitalised. Sheets whose box is printed differently need an entry here or the run stops.
_FOOD = (
    "Giả mạo hồ sơ",
    "Không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm theo quy "
    "định",
)
DISQUALIFICATION_SPLITS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở "
    "đủ điều kiện an toàn thực phẩm theo quy định; hoặc không đáp ứng về hồ sơ đăng ký theo quy định": (
        (*_FOOD, "Không đáp ứng về hồ sơ đăng ký theo quy định"),
        None,
    ),
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở "
    "đủ điều kiện an toàn thực phẩm theo quy định; hoặc không đáp ứng về Hồ sơ đăng ký theo quy định": (
        (*_FOOD, "Không đáp ứng về hồ sơ đăng ký theo quy định"),
        None,
    ),
    "Hồ sơ bị loại khi: Giả mạo hồ sơ; hoặc không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ "
    "sở đủ điều kiện an toàn thực phẩm theo quy định; hoặc không có giấy phép sản xuất theo quy định "
    "hoặc không đáp ứng về hồ sơ đăng ký theo quy định": (
        (
            *_FOOD,
            "Không có giấy phép sản xuất theo quy định",
            "Không đáp ứng về hồ sơ đăng ký theo quy định",
        ),
        None,
    ),
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở "
    "đủ điều kiện an toàn thực phẩm theo quy định; hoặc giấy phép sản xuất theo quy định hoặc không "
    "đáp ứng về hồ sơ đăng ký theo quy định": (
        (
            *_FOOD,
            "Không có giấy phép sản xuất theo quy định",
            "Không đáp ứng về hồ sơ đăng ký theo quy định",
        ),
        "Disqualification box: the text prints '…; hoặc giấy phép sản xuất theo quy định …' without a "
        "verb; we read it as 'không có giấy phép sản xuất theo quy định', the wording of the drinks "
        "sheet 15 (the condition is kept, the printed sentence is kept verbatim in "
        "disqualification_text).",
    ),
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở "
    "đủ điều kiện sản xuất sản phẩm (GMP đối với thực phẩm bảo vệ hoặc tương đương); Hồ sơ đăng ký bản "
    "đăng ký công bố chất lượng sản phẩm, ghi nhãn sản phẩm, quảng cáo sản phẩm hoặc không đáp ứng quy "
    "định hồ sơ đăng ký theo quy định": (
        (
            "Giả mạo hồ sơ",
            "Không tuân thủ đầy đủ các quy định về giấy chứng nhận cơ sở đủ điều kiện sản xuất sản phẩm "
            "(GMP đối với thực phẩm bảo vệ hoặc tương đương)",
            "Không tuân thủ đầy đủ các quy định về hồ sơ đăng ký bản đăng ký công bố chất lượng sản "
            "phẩm, ghi nhãn sản phẩm, quảng cáo sản phẩm",
            "Không đáp ứng quy định hồ sơ đăng ký theo quy định",
        ),
        "Disqualification box: the third clause is printed without a verb ('…; Hồ sơ đăng ký bản đăng ký "
        "công bố chất lượng sản phẩm, ghi nhãn sản phẩm, quảng cáo sản phẩm hoặc …'); we read it as "
        "governed by the preceding 'không tuân thủ đầy đủ các quy định về' (the printed sentence is kept "
        "verbatim in disqualification_text).",
    ),
    "Bị loại khi: Giả mạo hồ sơ hoặc không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo quy định "
    "quản lý chuyên ngành của Bộ Y tế; hoặc không có Bản công bố sản phẩm (hoặc tương đương) hoặc "
    "không đáp ứng về Hồ sơ đăng ký theo quy định": (
        (
            "Giả mạo hồ sơ",
            "Không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo quy định quản lý chuyên ngành của "
            "Bộ Y tế",
            "Không có Bản công bố sản phẩm (hoặc tương đương)",
            "Không đáp ứng về hồ sơ đăng ký theo quy định",
        ),
        None,
    ),
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo "
    "quy định quản lý chuyên ngành; hoặc không có bản công bố sản phẩm (hoặc tương đương); hoặc không "
    "đáp ứng về hồ sơ đăng ký theo quy định": (
        (
            "Giả mạo hồ sơ",
            "Không có đủ điều kiện bắt buộc để sản xuất sản phẩm theo quy định quản lý chuyên ngành",
            "Không có bản công bố sản phẩm (hoặc tương đương)",
            "Không đáp ứng về hồ sơ đăng ký theo quy định",
        ),
        None,
    ),
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không đáp ứng quy định Hồ sơ đăng ký theo quy định": (
        ("Giả mạo hồ sơ", "Không đáp ứng quy định hồ sơ đăng ký theo quy định"),
        None,
    ),
    "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không đáp ứng quy định hồ sơ đăng ký theo quy định": (
        ("Giả mạo hồ sơ", "Không đáp ứng quy định hồ sơ đăng ký theo quy định"),
        None,
    ),
}

#: Reading decisions that are not typo fixes, per set (set 0 = every set). Written into each sheet's notes.
READINGS: dict[int, tuple[str, ...]] = {
    0: (
        "Structure: a group printed without numbered criteria (e.g. '7. DINH DƯỠNG', '11. CƠ HỘI THỊ "
        "TRƯỜNG TOÀN CẦU') is encoded as a group holding one criterion with the group's code, name and "
        "maximum; the heading's explanation and the group's printed notes go on that criterion.",
        "Names: upper-case printed headings (parts, groups) are given in sentence case; criterion and "
        "option texts are verbatim (whitespace collapsed, NFC) with their star marks removed into "
        "'star'.",
        "Explanations: a parenthesised or trailing explanation printed with a heading ('(Gồm: …)', "
        "'(Chất lượng: …)', '(Khả năng sản xuất …)') is kept in 'explanation'; 'Yêu cầu: …' goes in "
        "'requirement'; 'Ghi chú: …' and 'Chú ý: …' go in 'remarks', except those that stop or void the "
        "evaluation ('sẽ không đánh giá các bước tiếp theo', 'Không xem xét các chỉ tiêu khác', 'bị "
        "loại'), which go in 'stop_rules' (kept as text: how a stop rule acts on the score is for the "
        "scoring service to decide). A note that speaks of 'các chỉ tiêu trên/khác' is attached to the "
        "group, otherwise to the criterion it follows.",
    ),
    1: (
        "The note printed under 6.1 ('Không xem xét các chỉ tiêu khác nếu sản phẩm có các tạp chất …') "
        "concerns the whole sensory group: encoded as a stop rule of group 6.",
    ),
    **dict.fromkeys(
        (11, 13),
        (
            "Group 6 prints sub-group headings 6.1 'Ngoại hình' and 6.2 'Nước pha', with their own points, "
            "above criteria 6.1.x and 6.2.x: encoded as 'subgroups' of group 6, each criterion naming its "
            "sub-group.",
        ),
    ),
    16: (
        "The note printed after 6.4 ('Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá "
        "các bước tiếp theo.') is encoded as a stop rule of group 6.",
    ),
    22: (
        "Option 6.2#3 shares its printed cell with 'Ghi chú: Nếu sản phẩm vi phạm sở hữu trí tuệ, sẽ bị "
        "loại bỏ': the option keeps its ***** mark and the note is a stop rule of criterion 6.2.",
    ),
    5: (
        "Kept as printed: the remark under 8 reads 'Sản Tiêu chuẩn sản phẩm phải có phiếu kiểm nghiệm …' "
        "(a stray 'Sản'; the sibling sheets print 'Bản tiêu chuẩn sản phẩm …').",
    ),
    7: (
        "Kept as printed, to confirm with VPĐP: in 3.1 'Công ty TNHH; hoặc doanh nghiệp tư nhân; …' "
        "scores 1, the same as the household option, while it scores 2 on all 25 other sheets. The "
        "sheet's arithmetic is consistent either way (maximum 3), so this is not an evident typo and is "
        "not changed.",
        "Option 7#4 ('Rất độc đáo và có tính đặc trưng') is printed with 'o' instead of '□'; read as an "
        "option like the others.",
    ),
    10: (
        "Kept as printed, to confirm with VPĐP: in 3.5 the 2-point option (registered trademark + origin "
        "sign) carries no **** mark, while it carries **** on all 25 other sheets; no mark is invented.",
    ),
    21: (
        "Criterion 7 (Công bố chất lượng sản phẩm) prints 'Áp dụng bắt buộc đối với các sản phẩm phải "
        "công bố chất lượng theo quy định; khuyến khích các sản phẩm còn lại' under its heading; it is "
        "kept in 'explanation' and not encoded as a condition: the criterion is scored for every "
        "product, and its lowest option (1 point) carries the *** mark, as printed. How a product that "
        "need not declare quality meets that 3-star minimum is a question for VPĐP.",
        "Option 6.2#3 shares its printed cell with 'Ghi chú: Nếu sản phẩm vi phạm sở hữu trí tuệ, sẽ bị "
        "loại bỏ': the option keeps its ***** mark and the note is a stop rule of criterion 6.2.",
    ),
    23: (
        "Kept as printed: in 6.2 (Màu sắc) both 'Chấp nhận được' and 'Phù hợp với đặc tính sản phẩm' "
        "score 1 (the sibling sheets 24 and 25 have no 'Chấp nhận được' option); equal points do not "
        "break the sheet.",
    ),
    26: (
        "Criteria 8, 9 and 15 print 'Lựa chọn một trong hai trường hợp sau:' followed by two alternative "
        "option sets ('a. Trường hợp 1: …', 'b. Trường hợp 2: …'): encoded as 'cases' with each option "
        "tagged by its case; the evaluator picks the case matching the provider, then one option of that "
        "case. Note that criterion 8 names case b 'Điểm dịch vụ du lịch' while 9 and 15 name it 'Dịch vụ "
        "du lịch do tổ chức, cá nhân cung cấp' (kept as printed).",
        "Part C of this sheet has no numbered criteria: each of its twelve groups (6 Vị trí … 17 Hàng "
        "hóa dịch vụ) holds a single criterion. Criterion 5.2 (Trình bày câu chuyện sản phẩm) is not "
        "conditional here.",
    ),
}


# ----------------------------------------------------------------------------------------------------
# Text helpers

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """NFC, non-breaking spaces to spaces, runs of whitespace collapsed, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).replace("\xa0", " ")).strip()


def sentence_case(text: str) -> str:
    """'TỔ CHỨC SẢN XUẤT' → 'Tổ chức sản xuất' (headings are printed in capitals)."""
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def is_upper_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def split_upper_heading(text: str) -> tuple[str, str]:
    """'TÍNH ĐỘC ĐÁO (Chất lượng: …)' → ('TÍNH ĐỘC ĐÁO', '(Chất lượng: …)').

    Mixed-case headings ('6. Vị trí') stay whole.
    """
    words = text.split(" ")
    count = 0
    while count < len(words) and is_upper_word(words[count]) and not words[count].startswith("("):
        count += 1
    if count == 0 or count == len(words) or (count == 1 and len(words[0]) == 1):
        return text, ""
    return " ".join(words[:count]).rstrip(" :"), " ".join(words[count:])


def strip_outer_parens(text: str) -> str:
    """'(Gồm: a, b)' → 'Gồm: a, b' when the first '(' closes at the very end; otherwise unchanged."""
    text = text.strip()
    if not text.startswith("("):
        return text
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return text[1:-1].strip() if index == len(text) - 1 else text
    # Unbalanced, as printed in '(Chỉ ra hàm lượng … (theo phiếu kiểm nghiệm …)': drop the unclosed '('.
    return text[1:].strip() if depth == 1 and text.endswith(")") else text


_STARS = re.compile(r"(?:\*\s*){3,5}")


def take_stars(text: str) -> tuple[str, int | None, str]:
    """Split an option text into (text, star level, trailing text after the marks)."""
    match = _STARS.search(text)
    if not match:
        return text, None, ""
    star = match.group(0).count("*")
    return text[: match.start()].rstrip(), star, text[match.end() :].strip()


# ----------------------------------------------------------------------------------------------------
# Reading the source


@dataclass
class Cell:
    """One table cell: the source lines between two '|' lines."""

    line: int  # 1-based line number of the cell's first line in the source
    lines: list[str]

    @property
    def text(self) -> str:
        return clean(" ".join(self.lines))


@dataclass
class Row:
    """A text cell with the points cell that follows it, if any."""

    line: int
    text: str
    points: str | None  # raw points cell ('' = blank cell), None = no points cell at all
    lines: list[str] = field(default_factory=list)


_NUMERIC = re.compile(r"^\d+(?:[.,]5)?(?:\s+\d+)*$")


def read_cells(lines: list[str], start: int, end: int) -> list[Cell]:
    """Cells of the source lines [start, end) (0-based), split on lines holding only '|'."""
    cells: list[Cell] = []
    current: list[str] = []
    first = start
    for index in range(start, end):
        if lines[index].strip() == "|":
            cells.append(Cell(first + 1, [clean(x) for x in current if clean(x)]))
            current, first = [], index + 1
        else:
            current.append(lines[index])
    if any(clean(x) for x in current):
        cells.append(Cell(first + 1, [clean(x) for x in current if clean(x)]))
    return cells


def pair_rows(cells: list[Cell]) -> list[Row]:
    """Pair each text cell with the points cell after it, when there is one."""
    rows: list[Row] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        text = cell.text
        if _NUMERIC.match(text):
            raise ExtractError(f"line {cell.line}: points cell {text!r} without a row")
        if not text:
            index += 1
            continue
        following = cells[index + 1].text if index + 1 < len(cells) else None
        if following is not None and (following == "" or _NUMERIC.match(following)):
            rows.append(Row(cell.line, text, following, cell.lines))
            index += 2
        else:
            rows.append(Row(cell.line, text, None, cell.lines))
            index += 1
    return rows


class ExtractError(RuntimeError):
    """The source text does not look the way this script expects."""


@dataclass
class Sheet:
    """The raw pieces of one score sheet, before the tree is built."""

    number: int
    heading: str
    classification: str
    disqualification_text: str
    rows: list[Row]
    star_legend: str
    first_line: int


_HEADING = re.compile(r"^(\d{1,2})\.(?:\s+(.*))?$")


def find_sheets(lines: list[str]) -> list[Sheet]:
    """Every score sheet of Phụ lục II, in order."""
    try:
        start = next(i for i, line in enumerate(lines) if clean(line) == "PHỤ LỤC II")
        end = next(i for i, line in enumerate(lines) if clean(line) == "PHỤ LỤC III")
    except StopIteration:
        raise ExtractError("cannot find 'PHỤ LỤC II' … 'PHỤ LỤC III'") from None
    code_lines = [i for i in range(start, end) if "Mã số sản phẩm" in lines[i]]
    if len(code_lines) != SET_COUNT:
        raise ExtractError(f"expected {SET_COUNT} sheets ('Mã số sản phẩm' lines), found {len(code_lines)}")
    sheets = []
    for position, code_line in enumerate(code_lines):
        limit = code_lines[position + 1] if position + 1 < len(code_lines) else end
        sheets.append(read_sheet(lines, code_line, limit))
    numbers = [sheet.number for sheet in sheets]
    if numbers != list(range(1, SET_COUNT + 1)):
        raise ExtractError(f"sheet numbers are {numbers}")
    return sheets


def read_sheet(lines: list[str], code_line: int, limit: int) -> Sheet:
    # Heading: walk back to the "N." line; the classification is the '(Sản phẩm: …)' paragraph.
    head = code_line - 1
    while head > code_line - 15 and not _HEADING.match(clean(lines[head])):
        head -= 1
    match = _HEADING.match(clean(lines[head]))
    if not match:
        raise ExtractError(f"line {code_line + 1}: no sheet heading above")
    number = int(match.group(1))
    block = [clean(x) for x in lines[head:code_line]]
    block = [x for x in block if x and not set(x) <= set("_-") and not x.startswith("Tên sản phẩm")]
    try:
        cut = next(i for i, x in enumerate(block) if x.startswith("(Sản phẩm"))
    except StopIteration:
        raise ExtractError(f"set {number}: no '(Sản phẩm: …)' line") from None
    heading = clean(" ".join(block[:cut]))
    classification = strip_outer_parens(clean(" ".join(block[cut:])))

    table = next((i for i in range(code_line, limit) if clean(lines[i]) == "Các tiêu chí"), None)
    if table is None:
        raise ExtractError(f"set {number}: no 'Các tiêu chí' table")
    box_start = next((i for i in range(code_line, table) if "loại khi" in lines[i]), None)
    disqualification = "" if box_start is None else clean(" ".join(lines[box_start:table]))
    total = next((i for i in range(table, limit) if clean(lines[i]).startswith("TỔNG CỘNG")), None)
    if total is None:
        raise ExtractError(f"set {number}: no 'TỔNG CỘNG' row")
    # The total row and its points cell end two '|' lines after 'TỔNG CỘNG'.
    bars = [i for i in range(total, limit) if lines[i].strip() == "|"][:2]
    rows = pair_rows(read_cells(lines, table, bars[1] + 1))
    legend_end = next((i for i in range(bars[1], limit) if "Ý kiến" in lines[i]), limit)
    star_legend = clean(" ".join(lines[bars[1] + 1 : legend_end]))
    star_legend = re.sub(r"^Ghi chú:\s*", "", star_legend)
    return Sheet(number, heading, classification, disqualification, rows, star_legend, head + 1)


def read_index(lines: list[str]) -> dict[int, str]:
    """The list of product sets printed at the top of Phụ lục II: {1: 'Rau, củ, quả, hạt tươi', …}."""
    start = next(i for i, line in enumerate(lines) if clean(line) == "PHỤ LỤC II")
    first_sheet = next(i for i in range(start, len(lines)) if "Mã số sản phẩm" in lines[i])
    cells = [cell.text for cell in read_cells(lines, start, first_sheet)]
    index: dict[int, str] = {}
    for position, text in enumerate(cells[:-1]):
        following = cells[position + 1]
        if text.isdigit() and following.startswith("Bộ sản phẩm:"):
            index[int(text)] = clean(following.removeprefix("Bộ sản phẩm:"))
    if sorted(index) != list(range(1, SET_COUNT + 1)):
        raise ExtractError(f"Phụ lục II index lists sets {sorted(index)}")
    return index


# ----------------------------------------------------------------------------------------------------
# Building the tree (plain dicts in the JSON shape; points stay raw strings until fixes are applied)

_PART = re.compile(r"^Phần\s+([ABC])\b[:.]?\s*(.*)$", re.IGNORECASE)
_PART_POINTS = re.compile(r"\s*\((\d+)\s*điểm\)\s*$", re.IGNORECASE)
_CRITERION = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?\.?\s+(.*)$")
_GROUP = re.compile(r"^(\d{1,2})\.?\s+(\S.*)$")
_OPTION = re.compile(r"^(?:□|☐|o(?=\s))\s*(.*)$")
_NOTE = re.compile(r"^(?:Ghi chú|Chú ý)\s*:\s*(.*)$")
_REQUIREMENT = re.compile(r"^(.*?)\s*Yêu cầu\s*:\s*(.*)$")
_CONDITION = re.compile(r"^Chỉ áp dụng\b.*$")
_CASES_INTRO = re.compile(r"^Lựa chọn một trong .*trường hợp.*$")
_CASE = re.compile(r"^([a-z])\.\s*(Trường hợp\b.*)$")
_STOP = re.compile(
    r"không đánh giá các bước tiếp theo|Không xem xét các chỉ tiêu khác|\bbị loại\b", re.IGNORECASE
)
_GROUP_NOTE = re.compile(r"các chỉ tiêu (?:trên|khác)", re.IGNORECASE)


def trailing_paren(text: str) -> int:
    """Index of the '(' that the final ')' of ``text`` closes, or -1."""
    if not text.endswith(")"):
        return -1
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


def split_criterion_name(rest: str, lines: list[str]) -> tuple[str, str, str]:
    """A criterion heading → (name, explanation, requirement).

    A trailing parenthesis is an explanation when it starts a printed line, holds a colon ('(Gồm: …)') or is
    long; short qualifiers stay in the name ('… song ngữ (Việt - Anh hoặc ngôn ngữ nước ngoài khác)').
    """
    requirement = ""
    match = _REQUIREMENT.match(rest)
    if match:
        rest, requirement = match.group(1), match.group(2)
    explanation = ""
    paren = trailing_paren(rest)
    if paren > 0:
        tail = rest[paren:]
        starts_line = any(line.startswith("(") and tail.startswith(line[:20]) for line in lines[1:])
        if ":" in tail or len(tail) > 60 or starts_line:
            rest, explanation = rest[:paren], strip_outer_parens(tail)
    return clean(rest), clean(explanation), clean(requirement)


class Builder:
    """Turns the classified rows of one sheet into the JSON tree."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.parts: list[dict[str, Any]] = []
        self.part: dict[str, Any] | None = None
        self.group: dict[str, Any] | None = None
        self.criterion: dict[str, Any] | None = None
        self.case: str | None = None
        self.total: str | None = None

    def fail(self, row: Row, message: str) -> ExtractError:
        return ExtractError(f"set {self.number}, line {row.line}: {message}: {row.text[:90]!r}")

    def build(self, rows: list[Row]) -> list[dict[str, Any]]:
        for position, row in enumerate(rows):
            following = rows[position + 1] if position + 1 < len(rows) else None
            self.add(row, following)
        if self.total is None:
            raise ExtractError(f"set {self.number}: no total row")
        return self.parts

    # -- row handlers --------------------------------------------------------------------------------

    def add(self, row: Row, following: Row | None) -> None:
        text = row.text
        if text in {"Các tiêu chí", "Thang điểm"}:
            return
        if text.startswith("TỔNG CỘNG"):
            self.total = row.points
            return
        if match := _PART.match(text):
            return self.add_part(row, match)
        if match := _CRITERION.match(text):
            return self.add_criterion(row, match, following)
        if match := _OPTION.match(text):
            return self.add_option(row, match.group(1))
        if match := _NOTE.match(text):
            return self.add_note(row, match.group(1))
        if _CONDITION.match(text):
            return self.add_condition(row)
        if _CASES_INTRO.match(text):
            self.current_criterion(row)["cases_text"] = text
            return None
        if match := _CASE.match(text):
            criterion = self.current_criterion(row)
            criterion.setdefault("cases", []).append({"code": match.group(1), "name": match.group(2)})
            self.case = match.group(1)
            return None
        if text.startswith("Yêu cầu"):
            criterion = self.current_criterion(row)
            criterion["requirement"] = clean(
                f"{criterion['requirement']} {_REQUIREMENT.match(text).group(2)}"
            )
            return None
        if text.startswith("("):
            return self.add_explanation(row)
        if match := _GROUP.match(text):
            return self.add_group(row, match)
        raise self.fail(row, "unrecognised row")

    def add_part(self, row: Row, match: re.Match[str]) -> None:
        rest = match.group(2)
        heading = _PART_POINTS.search(rest)
        name = rest[: heading.start()] if heading else rest
        self.part = {
            "code": match.group(1).upper(),
            "name": sentence_case(clean(name)),
            "max": row.points,
            "heading_max": int(heading.group(1)) if heading else None,
            "groups": [],
        }
        self.parts.append(self.part)
        self.group = self.criterion = None

    def add_group(self, row: Row, match: re.Match[str]) -> None:
        if self.part is None:
            raise self.fail(row, "group before any part")
        name, explanation = split_upper_heading(match.group(2))
        if is_upper_word(name):
            name = sentence_case(name)
        self.group = {
            "code": match.group(1),
            "name": clean(name),
            "max": row.points,
            "explanation": strip_outer_parens(clean(explanation)),
            "remarks": [],
            "stop_rules": [],
            "subgroups": [],
            "criteria": [],
        }
        self.part["groups"].append(self.group)
        self.criterion = None
        self.case = None

    def add_criterion(self, row: Row, match: re.Match[str], following: Row | None) -> None:
        if self.group is None:
            raise self.fail(row, "criterion before any group")
        group_code, second, third, rest = match.groups()
        if group_code != self.group["code"]:
            raise self.fail(row, f"criterion outside its group {self.group['code']}")
        code = f"{group_code}.{second}" + (f".{third}" if third else "")
        next_match = _CRITERION.match(following.text) if following else None
        if third is None and next_match and next_match.group(3) and next_match.group(2) == second:
            # A sub-group heading ("6.1. Ngoại hình") followed by its criteria ("6.1.1 …").
            subgroup = {"code": code, "name": clean(rest), "max": row.points}
            self.group["subgroups"].append(subgroup)
            self.criterion = None
            return
        subgroup_code = f"{group_code}.{second}" if third else None
        if subgroup_code and subgroup_code not in {s["code"] for s in self.group["subgroups"]}:
            raise self.fail(row, f"criterion of an undeclared sub-group {subgroup_code}")
        name, explanation, requirement = split_criterion_name(rest, row.lines)
        self.criterion = self.new_criterion(code, name, row.points, explanation, requirement)
        if subgroup_code:
            self.criterion["subgroup"] = subgroup_code
        self.group["criteria"].append(self.criterion)
        self.case = None

    def new_criterion(
        self, code: str, name: str, points: str | None, explanation: str = "", requirement: str = ""
    ) -> dict[str, Any]:
        return {
            "code": code,
            "name": name,
            "max": points,
            "requirement": requirement,
            "explanation": explanation,
            "condition": None,
            "condition_text": "",
            "remarks": [],
            "stop_rules": [],
            "options": [],
        }

    def current_criterion(self, row: Row) -> dict[str, Any]:
        """The criterion being read; for a group printed without criteria, its single implicit criterion."""
        if self.criterion is not None:
            return self.criterion
        if self.group is None:
            raise self.fail(row, "row before any group")
        if self.group["criteria"] or self.group["subgroups"]:
            raise self.fail(row, "row after a sub-group heading but before its first criterion")
        self.criterion = self.new_criterion(
            self.group["code"], self.group["name"], self.group["max"], self.group["explanation"]
        )
        self.group["explanation"] = ""
        self.group["criteria"].append(self.criterion)
        return self.criterion

    def add_option(self, row: Row, text: str) -> None:
        criterion = self.current_criterion(row)
        text, star, trailing = take_stars(text)
        if row.points is None:
            raise self.fail(row, "option without a points cell")
        option: dict[str, Any] = {"text": clean(text), "points": row.points, "star": star}
        if self.case is not None:
            option["case"] = self.case
        criterion["options"].append(option)
        if trailing:
            note = _NOTE.match(trailing)
            if not note:
                raise self.fail(row, f"text after the star marks: {trailing!r}")
            self.add_note(row, note.group(1))

    def add_note(self, row: Row, text: str) -> None:
        if self.group is None:
            raise self.fail(row, "note before any group")
        if (
            _GROUP_NOTE.search(text)
            and self.group["criteria"]
            and self.group["criteria"][0]["code"] != self.group["code"]
        ):
            target = self.group
        else:
            target = self.current_criterion(row)
        target["stop_rules" if _STOP.search(text) else "remarks"].append(clean(text))

    def add_condition(self, row: Row) -> None:
        criterion = self.current_criterion(row)
        names = [name for name, wording in CONDITIONS.items() if clean(row.text) == wording]
        if not names:
            raise self.fail(row, "unknown condition wording (add it to schema.CONDITIONS)")
        criterion["condition"], criterion["condition_text"] = names[0], clean(row.text)

    def add_explanation(self, row: Row) -> None:
        criterion = self.current_criterion(row)
        explanation = strip_outer_parens(row.text)
        criterion["explanation"] = clean(f"{criterion['explanation']} {explanation}")


# ----------------------------------------------------------------------------------------------------
# Fixes, conversion, assembly


def walk(parts: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, node) for every part, group, sub-group, criterion and option ('1.1#2')."""
    for part in parts:
        yield part["code"], part
        for group in part["groups"]:
            yield group["code"], group
            for subgroup in group.get("subgroups", []):
                yield subgroup["code"], subgroup
            for criterion in group["criteria"]:
                if criterion["code"] != group["code"]:
                    yield criterion["code"], criterion
                for index, option in enumerate(criterion["options"], start=1):
                    yield f"{criterion['code']}#{index}", option


def apply_fixes(number: int, parts: list[dict[str, Any]], notes: list[str]) -> None:
    nodes = dict(walk(parts))
    for fix in FIXES:
        if fix.product_set != number:
            continue
        node = nodes.get(fix.path)
        if node is None:
            raise ExtractError(f"fix for set {number}: no {fix.path!r}")
        if node.get(fix.field) != fix.printed:
            raise ExtractError(
                f"fix for set {number} {fix.path} {fix.field}: text now prints {node.get(fix.field)!r}, "
                f"not {fix.printed!r}: review the fix"
            )
        node[fix.field] = fix.encoded
        if fix.path.split("#")[0] == node.get("code", "") and fix.field == "max":
            # A single-criterion group shares its maximum with its criterion.
            for criterion in node.get("criteria", []):
                if criterion["code"] == node["code"] and criterion["max"] == fix.printed:
                    criterion["max"] = fix.encoded
        notes.append(
            f"Typo {fix.path} ({fix.field}): the text prints {fix.printed!r}; encoded {fix.encoded!r} — "
            f"{fix.reason}."
        )
    for text_fix in TEXT_FIXES:
        if text_fix.product_set != number:
            continue
        node = nodes.get(text_fix.path)
        if node is None or node.get("text") != text_fix.printed:
            raise ExtractError(f"text fix for set {number} {text_fix.path}: printed text differs")
        node["text"] = text_fix.encoded
        notes.append(
            f"Text {text_fix.path}: printed {text_fix.printed!r}; encoded {text_fix.encoded!r} — "
            f"{text_fix.reason}."
        )


def to_number(value: Any, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise ExtractError(f"{where}: points {value!r} are not a whole number (add a Fix)")


def finalise(number: int, parts: list[dict[str, Any]], notes: list[str]) -> None:
    """Convert raw points to numbers, check printed part headings, drop empty helper keys."""
    for path, node in walk(parts):
        key = "points" if "#" in path else "max"
        node[key] = to_number(node[key], f"set {number} {path}")
    for part in parts:
        heading = part.pop("heading_max")
        if heading is not None and heading != part["max"]:
            raise ExtractError(
                f"set {number} part {part['code']}: heading prints {heading}, cell {part['max']}"
            )
        for group in part["groups"]:
            for criterion in group["criteria"]:
                if criterion["code"] == group["code"] and criterion["max"] != group["max"]:
                    criterion["max"] = group["max"]
                if criterion["options"] == [] and criterion["code"] != group["code"]:
                    implied_options(number, criterion, notes)


def implied_options(number: int, criterion: dict[str, Any], notes: list[str]) -> None:
    """A criterion printed with a maximum but no □ options (e.g. 2.4 bilingual label) is a yes/no item."""
    criterion["options"] = [
        {"text": "Không", "points": 0, "star": None, "implied": True},
        {"text": "Có", "points": criterion["max"], "star": None, "implied": True},
    ]
    notes.append(
        f"Criterion {criterion['code']} ('{criterion['name']}') is printed with its maximum "
        f"({criterion['max']}) but no □ options: encoded as a yes/no item, 'Không' 0 / 'Có' "
        f"{criterion['max']} "
        "(options marked implied)."
    )


def split_disqualification(number: int, text: str, notes: list[str]) -> list[str]:
    if not text:
        notes.append(
            "The sheet prints no 'Hồ sơ bị loại khi' box: no disqualification conditions are encoded."
        )
        return []
    key = text
    # Set 1 prints the same box twice; keep one copy.
    half = len(text) // 2
    if len(text) % 2 == 1 and text[:half] == text[half + 1 :]:
        key = text[:half]
        notes.append("The 'Hồ sơ bị loại khi' box is printed twice in the text; encoded once.")
    if key not in DISQUALIFICATION_SPLITS:
        raise ExtractError(f"set {number}: no split for disqualification text {key!r}")
    items, note = DISQUALIFICATION_SPLITS[key]
    if note:
        notes.append(note)
    return list(items)


def build_rubric(sheet: Sheet, index_title: str) -> dict[str, Any]:
    notes: list[str] = list(READINGS.get(0, ())) + list(READINGS.get(sheet.number, ()))
    builder = Builder(sheet.number)
    parts = builder.build(sheet.rows)
    apply_fixes(sheet.number, parts, notes)
    finalise(sheet.number, parts, notes)
    if builder.total != "100":
        raise ExtractError(f"set {sheet.number}: total row prints {builder.total!r}")
    match = _HEADING.match(sheet.heading)
    heading_text = match.group(2) if match and match.group(2) else sheet.heading
    title = clean(re.sub(r"^Bộ sản phẩm:\s*", "", heading_text))
    disqualification_text = sheet.disqualification_text
    items = split_disqualification(sheet.number, disqualification_text, notes)
    if items and disqualification_text.count("loại khi") == 2:
        disqualification_text = disqualification_text[: len(disqualification_text) // 2].strip()
    if not sheet.star_legend:
        notes.append("The sheet prints no star-mark legend under its total.")
    data = {
        "regime": REGIME,
        "source": f"{INSTRUMENT}, Phụ lục II, {sheet.heading}",
        "product_set": sheet.number,
        "title": title,
        "index_title": index_title,
        "classification": sheet.classification,
        "disqualification_text": disqualification_text,
        "disqualification": items,
        "half_points": False,
        "parts": parts,
        "star_legend": sheet.star_legend,
        "notes": notes,
    }
    # Round-trip through the schema: the written JSON is exactly what the loader reads back.
    return rubric_to_dict(rubric_from_dict(data))


def extract(source: Path) -> list[dict[str, Any]]:
    """Parse the legal text into the 26 rubric dicts (not yet validated)."""
    lines = unicodedata.normalize("NFC", source.read_text(encoding="utf-8")).split("\n")
    index = read_index(lines)
    return [build_rubric(sheet, index[sheet.number]) for sheet in find_sheets(lines)]


def dump(data: dict[str, Any]) -> str:
    return unicodedata.normalize("NFC", json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="plain text of QĐ 26/2026/QĐ-TTg")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})"
    )
    parser.add_argument("--dry-run", action="store_true", help="parse and validate, write nothing")
    args = parser.parse_args(argv)
    try:
        rubrics = extract(args.source)
    except ExtractError as error:
        print(f"extraction failed: {error}", file=sys.stderr)
        return 2
    problems = [problem for data in rubrics for problem in validate(rubric_from_dict(data))]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): nothing written", file=sys.stderr)
        return 1
    if not args.dry_run:
        args.out.mkdir(parents=True, exist_ok=True)
        for data in rubrics:
            (args.out / f"set_{data['product_set']:02d}.json").write_text(dump(data), encoding="utf-8")
    print(f"{len(rubrics)} sheets valid" + ("" if args.dry_run else f", written to {args.out}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
