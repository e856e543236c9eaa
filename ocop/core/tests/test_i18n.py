"""English catalogue: complete, compiled, and actually used when a visitor switches language."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from ocop.core.testing import make_user

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"
HOW_TO_FIX = (
    "run `DEBUG=1 .venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=tools "
    "--no-obsolete`, translate every new or fuzzy entry in locale/en/LC_MESSAGES/django.po (and "
    "remove the fuzzy flag), then `msgfmt --check -o locale/en/LC_MESSAGES/django.mo "
    "locale/en/LC_MESSAGES/django.po`"
)
SITE_TITLE_VI = "Hệ thống quản lý, giám sát sản phẩm OCOP"
PRODUCERS_VI = "Chủ thể OCOP"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class PoEntry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    def describe(self) -> str:
        return f"django.po line {self.line}: {self.msgid!r}"


def parse_po(text: str) -> list[PoEntry]:
    """The entries of a .po file (obsolete ``#~`` entries are skipped)."""
    entries: list[PoEntry] = []
    entry: PoEntry | None = None
    target: str | None = None
    pending_flags: set[str] = set()

    def start(line_no: int) -> PoEntry:
        nonlocal pending_flags
        new = PoEntry(line=line_no, flags=pending_flags)
        pending_flags = set()
        entries.append(new)
        return new

    def append(name: str, value: str) -> None:
        assert entry is not None
        if name.startswith("msgstr["):
            index = int(name[len("msgstr[") : -1])
            entry.msgstr[index] = entry.msgstr.get(index, "") + value
        elif name == "msgstr":
            entry.msgstr[0] = entry.msgstr.get(0, "") + value
        else:
            setattr(entry, name, (getattr(entry, name) or "") + value)

    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            assert target is not None, f"django.po line {line_no}: string outside an entry"
            append(target, ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and target != "msgctxt"):
            entry = start(line_no)
        assert entry is not None, f"django.po line {line_no}: {keyword} outside an entry"
        target = keyword
        append(keyword, ast.literal_eval(rest))
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[PoEntry]:
    assert PO_PATH.exists(), f"{PO_PATH} is missing: {HOW_TO_FIX}"
    entries = parse_po(PO_PATH.read_text(encoding="utf-8"))
    assert len([e for e in entries if not e.is_header]) > 100, "the English catalogue looks truncated"
    return entries


def test_parse_po_reads_plurals_flags_and_continuations():
    entries = parse_po(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid "%(n)s chủ thể"\nmsgid_plural "%(n)s chủ thể"\n'
        'msgstr[0] "%(n)s producer"\nmsgstr[1] ""\n\n'
        'msgctxt "menu"\nmsgid ""\n"Sổ đăng ký "\n"chủ thể"\nmsgstr "Producer "\n"register"\n\n'
        '#~ msgid "cũ"\n#~ msgstr "old"\n'
    )
    header, plural, long = entries
    assert header.is_header
    assert header.flags == {"fuzzy"}
    assert header.msgstr == {0: "Language: en\n"}
    assert plural.flags == {"python-format"}
    assert plural.msgid_plural == "%(n)s chủ thể"
    assert plural.msgstr == {0: "%(n)s producer", 1: ""}
    assert (long.msgctxt, long.msgid, long.msgstr) == ("menu", "Sổ đăng ký chủ thể", {0: "Producer register"})


def test_every_entry_is_translated_and_not_fuzzy(po_entries):
    problems = []
    for entry in po_entries:
        if entry.is_header:
            if "fuzzy" in entry.flags:
                problems.append("the header is marked fuzzy")
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.describe()}")
        expected_forms = 2 if entry.msgid_plural is not None else 1
        if len(entry.msgstr) < expected_forms or not all(entry.msgstr.values()):
            problems.append(f"untranslated: {entry.describe()}")
    assert not problems, f"English catalogue incomplete — {HOW_TO_FIX}:\n" + "\n".join(problems)


def test_translations_keep_the_placeholders(po_entries):
    problems = [
        f"{entry.describe()} → {msgstr!r}"
        for entry in po_entries
        if not entry.is_header
        for msgstr in entry.msgstr.values()
        if msgstr and sorted(PLACEHOLDER.findall(msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid))
    ]
    assert not problems, "placeholders differ between msgid and msgstr:\n" + "\n".join(problems)


def test_compiled_catalogue_matches_the_po(po_entries):
    assert MO_PATH.exists(), f"{MO_PATH} is missing: {HOW_TO_FIX}"
    with MO_PATH.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = []
    for entry in po_entries:
        if entry.is_header or "fuzzy" in entry.flags or not all(entry.msgstr.values()):
            continue
        ctxt = entry.msgctxt
        if entry.msgid_plural is None:
            got = {0: compiled.pgettext(ctxt, entry.msgid) if ctxt else compiled.gettext(entry.msgid)}
        else:
            got = {
                index: (
                    compiled.npgettext(ctxt, entry.msgid, entry.msgid_plural, n)
                    if ctxt
                    else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                )
                for index, n in ((0, 1), (1, 2))
            }
        if got != entry.msgstr:
            stale.append(f"{entry.describe()}: .po says {entry.msgstr!r}, .mo says {got!r}")
    assert not stale, "django.mo is older than django.po — recompile it with msgfmt:\n" + "\n".join(stale)


def _english(text: str) -> str:
    with translation.override("en"):
        english = translation.gettext(text)
    assert english != text, f"{text!r} has no English translation in the catalogue: {HOW_TO_FIX}"
    return english


def _tag_text(body: str, tag: str) -> str:
    """The text of the first ``<tag ...>…</tag>`` in ``body`` (tags inside it removed)."""
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", body, flags=re.S)
    assert match, f"no <{tag}> in the page"
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def _switch_to_english(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_home_page_is_english_after_switching_language(client):
    _switch_to_english(client)
    body = client.get(reverse("home")).content.decode()
    assert re.search(r'<html lang="en"', body)
    assert _tag_text(body, "h1") == _english(SITE_TITLE_VI)
    assert _tag_text(body, "title").startswith(_english("Trang chủ"))
    assert SITE_TITLE_VI not in body


@pytest.mark.django_db
def test_producer_list_is_english_for_a_signed_in_officer(client):
    client.force_login(make_user(role="central"))
    _switch_to_english(client)
    response = client.get(reverse("registry:producer-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert _tag_text(body, "h1") == _english(PRODUCERS_VI)
    assert _tag_text(body, "title").startswith(_english(PRODUCERS_VI))
    assert PRODUCERS_VI not in body
    assert escape(_english("Cán bộ trung ương")) in body


@pytest.mark.django_db
def test_vietnamese_is_the_default_for_a_fresh_client(client):
    other = Client()
    _switch_to_english(other)
    body = client.get(reverse("home")).content.decode()
    assert re.search(r'<html lang="vi"', body)
    assert _tag_text(body, "h1") == SITE_TITLE_VI
    assert escape(_english(SITE_TITLE_VI)) not in body

    client.force_login(make_user(role="central"))
    body = client.get(reverse("registry:producer-list")).content.decode()
    assert _tag_text(body, "h1") == PRODUCERS_VI
