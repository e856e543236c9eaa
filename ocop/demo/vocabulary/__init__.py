"""Realistic Vietnamese vocabulary for demo data: people, places, producers and products (NFC text).

``people`` (names by ethnicity and gender), ``regions`` (the 34 provinces' regions and ethnic mix),
``organisations`` (producer kinds, names, codes, contacts) and ``products`` (names for the 26
product sets of QĐ 26/2026, descriptions, stories).
"""

from ocop.demo.vocabulary.organisations import KIND_SHARES, producer_name, registration_code
from ocop.demo.vocabulary.people import person_name, split_name
from ocop.demo.vocabulary.products import PRODUCT_NAMES, SET_WEIGHTS
from ocop.demo.vocabulary.regions import ETHNIC_MIX, PROVINCE_REGIONS

__all__ = [
    "ETHNIC_MIX",
    "KIND_SHARES",
    "PRODUCT_NAMES",
    "PROVINCE_REGIONS",
    "SET_WEIGHTS",
    "person_name",
    "producer_name",
    "registration_code",
    "split_name",
]
