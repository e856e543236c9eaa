"""National demo certificates: counts, star shares, legal numbers and validity, issuing units, history."""

import datetime as dt
import re
from collections import Counter

import pytest

from ocop.certification import domain
from ocop.certification.historical import issuing_unit
from ocop.certification.models import Authority, Certificate, Decision, Revocation
from ocop.certification.selectors import certificate_status_of, live_on
from ocop.core.testing import make_unit
from ocop.demo.generator import generate
from ocop.demo.national_certificates import certify_national
from ocop.evaluation.domain import star_band
from ocop.geo.models import Succession
from ocop.registry.models import Product

TODAY = dt.date(2026, 6, 15)
NUMBER = re.compile(r"^(\d{3,})/GCN-OCOP-(\d{2}|TW)-(\d{4})$")


@pytest.fixture
def national(small_map, taxonomy):
    """The small map with old-map predecessors, and ~200 products generated in bulk."""
    old_quang_ngai = make_unit(code="51", name="Tỉnh Quảng Ngãi", kind="tinh", level=1, current=False)
    day = dt.date(2025, 7, 1)
    Succession.objects.create(
        predecessor=small_map.old_commune,
        successor=small_map.communes["dak_mil"],
        kind="merged_whole",
        effective_on=day,
    )
    Succession.objects.create(
        predecessor=old_quang_ngai, successor=small_map.quang_ngai, kind="kept", effective_on=day
    )
    generate(size="national", producers=100, seed=3)
    return small_map


def test_certificates_follow_the_legal_rules(national, django_assert_max_num_queries):
    products = Product.objects.count()
    with django_assert_max_num_queries(60):  # bulk: a bounded number of queries, whatever the count
        result = certify_national(seed=4, today=TODAY)
    certificates = list(
        Certificate.objects.select_related(
            "decision", "product__producer__commune", "product__producer__legacy_commune"
        )
    )
    assert result["candidates"] == products
    assert result["certificates"] == len(certificates) == round(products * 0.9)
    assert len({c.product_id for c in certificates}) == len(certificates)  # one per product
    stars = Counter(c.star for c in certificates)
    assert 0.55 <= stars[3] / len(certificates) <= 0.85
    assert 0.12 <= stars[4] / len(certificates) <= 0.38
    assert stars[5] >= 1
    serials: dict[tuple[str, str], list[int]] = {}
    for certificate in certificates:
        decision = certificate.decision
        assert certificate.issued_on == decision.signed_on <= TODAY
        assert certificate.valid_until == domain.valid_until(certificate.issued_on)
        assert star_band(certificate.score) == certificate.star
        assert certificate.producer_id == certificate.product.producer_id
        assert decision.authority == domain.recognising_authority(certificate.star)
        assert decision.unit == issuing_unit(
            product=certificate.product, authority=decision.authority, decided_on=decision.signed_on
        )
        serial, code, year = NUMBER.fullmatch(certificate.number).groups()
        assert int(year) == certificate.issued_on.year
        assert code == ("TW" if decision.unit is None else decision.unit.path.strip("/").split("/")[1])
        serials.setdefault((code, year), []).append(int(serial))
        certificate.full_clean()  # every field and constraint, uniqueness included
    assert all(
        sorted(s) == list(range(1, len(s) + 1)) for s in serials.values()
    )  # 001, 002, … per issuer/year
    assert {c.decision.unit.map_key for c in certificates if c.decision.unit} == {"pre2025", "2025"}
    # decisions grouped: several products per decision, each decision unique per issuer
    assert Decision.objects.count() == result["decisions"] < len(certificates) / 2
    assert Decision.objects.filter(authority=Authority.MINISTER, unit__isnull=True).exists()
    # history written beside the rows, by the demo admin, with a reason
    assert Certificate.history.filter(history_user__username="admin").count() == len(certificates)
    assert not Certificate.history.filter(history_change_reason="").exists()
    assert Decision.history.count() == result["decisions"]


def test_some_are_expired_some_revoked_and_live_on_agrees(national):
    result = certify_national(seed=4, today=TODAY)
    certificates = list(Certificate.objects.select_related("revocation"))
    statuses = Counter(certificate_status_of(c, today=TODAY).code for c in certificates)
    expired = sum(c.valid_until < TODAY for c in certificates)
    assert statuses[domain.CertificateStatus.EXPIRED] == expired == result["expired"]
    assert 0.03 <= expired / len(certificates) <= 0.2
    revocations = list(Revocation.objects.select_related("certificate"))
    assert len(revocations) == result["revoked"] == statuses[domain.CertificateStatus.REVOKED] >= 1
    for revocation in revocations:
        assert revocation.certificate.issued_on <= revocation.concluded_on <= revocation.decided_on <= TODAY
        revocation.full_clean()
    assert live_on(Certificate.objects.all(), TODAY).count() == len(certificates) - len(revocations)
    # a certificate decided exactly 36 months before is valid on its last day, expired the day after
    last_day = min(c.valid_until for c in certificates if c.valid_until >= TODAY)
    certificate = next(c for c in certificates if c.valid_until == last_day)
    assert certificate_status_of(certificate, today=last_day).code.in_force
    after = last_day + dt.timedelta(days=1)
    assert certificate_status_of(certificate, today=after).code in {
        domain.CertificateStatus.EXPIRED,
        domain.CertificateStatus.REVOKED,
    }


def test_given_products_only_and_a_second_run_continues_the_serials(national):
    first = list(Product.objects.order_by("pk")[:20])
    result = certify_national(products=first, share=1.0, seed=1, today=TODAY)
    assert result["certificates"] == 20
    assert set(Certificate.objects.values_list("product_id", flat=True)) == {p.pk for p in first}
    again = certify_national(products=first, share=1.0, seed=1, today=TODAY)
    assert again["certificates"] == 0  # a product holding a certificate is left alone
    rest = certify_national(share=1.0, seed=2, today=TODAY)
    assert rest["certificates"] == Product.objects.count() - 20
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    decision_keys = list(Decision.objects.values_list("number", "authority", "unit_id"))
    assert len(decision_keys) == len(set(decision_keys))
