"""The importer contract: columns of a template, row results, and the registry of import kinds.

An importer describes its columns; the framework (``ocop.exchange.xlsx`` and ``services``) reads the
file, converts every cell to the column's kind, reports unconvertible and missing required cells, finds
duplicate rows, and then asks the importer to check each row (no writes) and, after the officer
confirms, to commit each row inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ocop.core.text import fold

ACTIONS = ("create", "update", "skip", "error")
KINDS = ("text", "int", "decimal", "date", "choice", "bool", "gtin")


@dataclass(frozen=True)
class Column:
    """One column of a template: its key, its Vietnamese header, and how its cells are read."""

    key: str
    header: str
    required: bool = False
    kind: str = "text"
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    aliases: tuple[str, ...] = ()
    max_length: int = 0  # for "text": longest accepted (0: the framework's limit, cells.TEXT_MAX)

    def headers_folded(self) -> tuple[str, ...]:
        """Folded header and aliases, as matched against a sheet's header row."""
        return tuple(fold(h) for h in (self.header, *self.aliases))


@dataclass
class CellError:
    """A problem in one cell (``column`` is the header text) or in the whole row (``column == ""``)."""

    column: str
    message: str
    suggestion: str = ""


@dataclass
class RowResult:
    """What the import would do with one row of the sheet, and why."""

    row: int
    action: str
    label: str
    errors: list[CellError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def add_error(self, column: str, message: str, suggestion: str = "") -> None:
        """Record an error and mark the row as an error."""
        self.errors.append(CellError(column=column, message=str(message), suggestion=str(suggestion)))
        self.action = "error"

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form, as stored on the import job (``data`` is kept as the importer made it)."""
        return {
            "row": self.row,
            "action": self.action,
            "label": self.label,
            "errors": [
                {"column": e.column, "message": e.message, "suggestion": e.suggestion} for e in self.errors
            ],
            "notes": list(self.notes),
            "data": self.data,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RowResult:
        """Inverse of ``as_dict``."""
        return cls(
            row=raw["row"],
            action=raw["action"],
            label=raw.get("label", ""),
            errors=[CellError(**e) for e in raw.get("errors", [])],
            notes=list(raw.get("notes", [])),
            data=dict(raw.get("data", {})),
        )


class Importer:
    """Base of an import kind: subclasses set ``kind``, ``title``, ``columns`` and override the hooks."""

    kind: ClassVar[str]
    title: ClassVar[Any]
    columns: ClassVar[tuple[Column, ...]]
    # Optional: URL name of the list where created records appear (shown on the result page).
    result_url_name: ClassVar[str] = ""

    def __init__(self, *, user: Any) -> None:
        self.user = user
        # The history reason of the records written; the framework sets it to name the file.
        self.reason = "Nhập từ tệp Excel"

    def prepare(self, rows: list[dict]) -> None:
        """Preload the lookups all rows need (a bounded number of queries)."""

    def check_row(self, values: dict, *, row: int) -> RowResult:
        """Decide what to do with one row; never writes."""
        raise NotImplementedError

    def commit_row(self, result: RowResult, *, actor: Any) -> None:
        """Write one checked row through the apps' services (inside the import transaction)."""
        raise NotImplementedError

    def choices_for(self, column: Column) -> tuple[tuple[str, str], ...]:
        """The (value, label) list of a column: its ``choices``, or one read from the database."""
        return column.choices

    def duplicate_key(self, values: dict) -> tuple | None:
        """Rows with equal keys in one file are duplicates; None means the row has no key."""
        return None

    @classmethod
    def column(cls, key: str) -> Column:
        """The column with this key."""
        for col in cls.columns:
            if col.key == key:
                return col
        raise KeyError(key)


IMPORTERS: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    """Class decorator: make an importer available under its ``kind``."""
    IMPORTERS[cls.kind] = cls
    return cls


def get_importer(kind: str) -> type[Importer] | None:
    """The importer class of a kind, or None (importers are loaded by ``ocop.exchange.importers``)."""
    from ocop.exchange import importers  # noqa: F401  (registers the kinds)

    return IMPORTERS.get(kind)
