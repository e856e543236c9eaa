"""The catalogue index: one row per certificate, with what the public catalogue filters, counts and sorts by.

A projection of certification, registry and geo rows, rebuilt from them by ``ocop.portal.services``
whenever one of them is saved (``ocop.portal.signals``) and in full by ``manage.py catalogue_rebuild``.
It stores dates, never statuses: whether a certificate is current and in force is decided on each read
against today, so an expiry shows on the day it happens and a revocation on the request after it is saved.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueEntry(models.Model):
    """A certificate as the catalogue searches it: its dates, facet values, sort key and folded words."""

    certificate = models.OneToOneField(
        "certification.Certificate",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="catalogue_entry",
    )
    product = models.ForeignKey("registry.Product", on_delete=models.CASCADE, related_name="+")
    star = models.PositiveSmallIntegerField()
    issued_on = models.DateField()
    # The certificate is the product's current one from its issue date until ``current_until`` (the issue date
    # of the product's next certificate, by issue date then id; open when there is none), and in force and
    # current until ``in_force_until``: the earliest of the day after its validity, its supersession, its
    # revocation decision and ``current_until``. Both ends are exclusive.
    current_until = models.DateField(null=True)
    in_force_until = models.DateField()
    sector = models.ForeignKey("registry.Sector", on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey("registry.ProductGroup", on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey("geo.AdminUnit", null=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    name_sort = models.CharField(max_length=520)
    # Folded words, each preceded by a space, so " word" finds a word starting so: the product's name, and
    # the name with its producer's name and places (current commune and province, pre-2025 commune, district
    # and province).
    name_words = models.TextField()
    search_words = models.TextField()

    class Meta:
        verbose_name = _("mục danh mục công khai")
        verbose_name_plural = _("mục danh mục công khai")
        indexes = [
            models.Index(fields=["name_sort", "product"], name="portal_entry_name"),
            models.Index(fields=["-star", "name_sort", "product"], name="portal_entry_star"),
            models.Index(fields=["product", "issued_on"], name="portal_entry_product"),
            # Covers the facet counts of the default listing (an index-only scan on PostgreSQL).
            models.Index(
                fields=["in_force_until", "issued_on", "star", "sector", "group", "province", "kind"],
                name="portal_entry_in_force",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.name_words.strip()}"
