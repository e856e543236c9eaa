"""A certificate's live status in the portal's plain words (computed on every read, never stored)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_noop

from ocop.certification.domain import CertificateStatus
from ocop.certification.models import Certificate
from ocop.certification.selectors import StatusInfo, certificate_status_of

# Shorter than the officers' labels: what a buyer reads on a card. Translated in the templates.
PUBLIC_LABELS: dict[CertificateStatus, tuple[str, str]] = {
    CertificateStatus.VALID: (gettext_noop("Còn hiệu lực"), "Valid"),
    CertificateStatus.EXPIRING: (gettext_noop("Sắp hết hạn"), "Expiring soon"),
    CertificateStatus.EXPIRED: (gettext_noop("Hết hạn"), "Expired"),
    CertificateStatus.REVOKED: (gettext_noop("Đã thu hồi"), "Revoked"),
    CertificateStatus.SUPERSEDED: (gettext_noop("Đã được thay thế"), "Superseded"),
}


def public_status(certificate: Certificate, *, today: dt.date) -> StatusInfo:
    """The certificate's status on ``today`` (select its revocation with it) with the portal's labels."""
    status = certificate_status_of(certificate, today=today)
    label, label_en = PUBLIC_LABELS[status.code]
    return StatusInfo(status.code, label, label_en, status.days_left)
