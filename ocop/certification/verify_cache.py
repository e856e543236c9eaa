"""Public verification answers kept in each server process, never showing a revoked or expired one as valid.

Off unless ``OCOP_VERIFY_CACHE`` names where the processes share a *generation*: ``file:///path`` (the
file's modification time: every process on one machine) or ``redis://host:port/db`` (processes on several
machines). An answer is kept under its verification code *and today's date*, so an expiry, a new day's
"days left" or a supersession dated today takes a new key. Every committed save of what an answer shows
(a certificate, a revocation, a decision, a product, a producer, an administrative unit) bumps the
generation; an answer kept under an older one is rebuilt. A reader reads the generation *before* the
database and a writer bumps it *after* its commit, so an answer built from data read before a commit is
kept under a generation that commit has made old: the request after a revocation's answer shows it.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from functools import cache
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import post_delete, post_save

MAX_KEPT = 50_000  # answers per process (about a kilobyte each); all are dropped when full
REDIS_KEY = "ocop:verify:generation"
T = TypeVar("T")
_kept: dict[str, tuple[int, object]] = {}


class Generation(Protocol):
    def current(self) -> int: ...

    def bump(self) -> None: ...


class FileGeneration:
    """The modification time of a file, in nanoseconds: one ``stat`` a request."""

    def __init__(self, path: str) -> None:
        self.path = path

    def current(self) -> int:
        try:
            return os.stat(self.path).st_mtime_ns
        except FileNotFoundError:
            return 0

    def bump(self) -> None:
        stamp = max(time.time_ns(), self.current() + 1)
        with open(self.path, "a"):
            os.utime(self.path, ns=(stamp, stamp))


class RedisGeneration:
    """A counter in Redis: one GET a request."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def current(self) -> int:
        return int(self.client.get(REDIS_KEY) or 0)

    def bump(self) -> None:
        self.client.incr(REDIS_KEY)


@cache
def _generation_at(url: str) -> Generation | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.path:
        return FileGeneration(parts.path)
    if parts.scheme in ("redis", "rediss", "unix"):
        return RedisGeneration(url)
    raise ImproperlyConfigured(f"OCOP_VERIFY_CACHE: “{url}” không phải file:///… hay redis://… .")


def generation() -> Generation | None:
    return _generation_at(getattr(settings, "OCOP_VERIFY_CACHE", ""))


def remembered(token: str, *, today: dt.date, build: Callable[[], T], kind: str = "facts") -> T:
    """The ``kind`` of answer for ``token`` on ``today``: kept when current, else ``build()`` (then kept)."""
    shared = generation()
    if shared is None:
        return build()
    current = shared.current()
    key = f"{kind}:{today.isoformat()}:{token}"
    kept = _kept.get(key)
    if kept is not None and kept[0] == current:
        return kept[1]  # type: ignore[return-value]
    answer = build()  # raises for an unknown code: nothing is kept
    if len(_kept) >= MAX_KEPT:
        _kept.clear()
    _kept[key] = (current, answer)
    return answer


def forget_all() -> None:
    """Make every kept answer, in every process, old."""
    shared = generation()
    if shared is not None:
        shared.bump()


def _changed(sender, raw: bool = False, **kwargs) -> None:
    if not raw and generation() is not None:
        transaction.on_commit(forget_all)


def connect() -> None:
    """Forget the kept answers after every commit that saves or deletes what they show."""
    from ocop.certification.models import Certificate, Decision, Revocation
    from ocop.geo.models import AdminUnit
    from ocop.registry.models import Producer, Product

    for model in (Certificate, Revocation, Decision, Product, Producer, AdminUnit):
        for signal in (post_save, post_delete):
            uid = f"verify_cache_{model._meta.label}_{id(signal)}"
            signal.connect(_changed, sender=model, dispatch_uid=uid)
