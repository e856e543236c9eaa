"""Base model mixins shared by the domain apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop.core.text import fold, normalize, sort_key


class TimeStampedModel(models.Model):
    """Creation and last-change times on every domain record."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class NamedSearchableModel(models.Model):
    """A record with a Vietnamese ``name`` plus its folded search key and Vietnamese sort key."""

    name = models.CharField(_("tên"), max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False, default="")
    name_sort = models.CharField(max_length=520, db_index=True, editable=False, default="")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_keys()
        super().save(*args, **kwargs)

    def refresh_search_keys(self) -> None:
        """NFC-normalise the name and recompute the keys derived from it."""
        self.name = normalize(self.name)
        self.name_folded = fold(self.name)
        self.name_sort = sort_key(self.name)
