"""One error vocabulary: services raise ApplicationError; views and the API map it once."""

from __future__ import annotations


class ApplicationError(Exception):
    """A use case refused: ``message`` is shown to the person (translated), ``field`` names the input."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class NotFoundError(ApplicationError):
    """The record does not exist or lies outside the person's scope (never tell which)."""

    status_code = 404


class PermissionDeniedError(ApplicationError):
    """The person may see the record but not do this to it."""

    status_code = 403
