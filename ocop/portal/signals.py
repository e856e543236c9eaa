"""Receivers keeping the catalogue index in step with every save of what it is built from.

A derived index, like a search engine's, not domain flow: whichever path saves a certificate, revocation,
product, producer or product set (a service, an import, the Django admin), the products concerned get their
entries rebuilt in the same transaction. Bulk writes that skip ``save()`` (``bulk_create``, ``update``) call
``catalogue_refresh`` or ``catalogue_rebuild`` themselves.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ocop.certification.models import Certificate, Revocation
from ocop.portal.services import catalogue_refresh
from ocop.registry.models import Producer, Product, ProductGroup, ProductSet


def _refresh(ids) -> None:
    catalogue_refresh(
        product_ids=ids.values_list("product_id" if ids.model is Certificate else "pk", flat=True)
    )


@receiver([post_save, post_delete], sender=Certificate, dispatch_uid="portal_certificate")
def certificate_saved(sender, instance: Certificate, raw: bool = False, **kwargs) -> None:
    if not raw:
        catalogue_refresh(product_ids=[instance.product_id])


@receiver([post_save, post_delete], sender=Revocation, dispatch_uid="portal_revocation")
def revocation_saved(sender, instance: Revocation, raw: bool = False, **kwargs) -> None:
    if not raw:
        _refresh(Certificate.objects.filter(pk=instance.certificate_id))


@receiver(post_save, sender=Product, dispatch_uid="portal_product")
def product_saved(sender, instance: Product, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:  # a new product has no certificate yet
        catalogue_refresh(product_ids=[instance.pk])


@receiver(post_save, sender=Producer, dispatch_uid="portal_producer")
def producer_saved(sender, instance: Producer, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:
        _refresh(Certificate.objects.filter(product__producer_id=instance.pk))


@receiver(post_save, sender=ProductSet, dispatch_uid="portal_product_set")
def product_set_saved(sender, instance: ProductSet, raw: bool = False, created: bool = False, **kw) -> None:
    if not raw and not created:
        _refresh(Product.objects.filter(product_set_id=instance.pk))


@receiver(post_save, sender=ProductGroup, dispatch_uid="portal_product_group")
def product_group_saved(
    sender, instance: ProductGroup, raw: bool = False, created: bool = False, **kw
) -> None:
    if not raw and not created:
        _refresh(Product.objects.filter(product_set__group_id=instance.pk))
