"""Demo accounts, one per role, all with the password ``ocop-demo-2026``, created idempotently.

``admin`` (superuser), ``trunguong`` (central), ``tinh.lamdong`` and ``tinh.quangngai`` (province
officers, to show that scopes separate), ``xa.<commune>`` (a commune officer in Lâm Đồng where demo
producers work), ``hoidong.lamdong`` (council member) and ``chuthe`` (a producer's own account).
An account that exists is left as it is (its password too), except that ``chuthe`` is linked to a
producer once there is one. Accounts whose area is not on the loaded map are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count

from ocop.accounts.models import Role, User
from ocop.core.text import fold, slug
from ocop.demo.planning import short_name
from ocop.demo.vocabulary.people import split_name
from ocop.geo.models import AdminUnit
from ocop.registry.models import Producer

DEMO_PASSWORD = "ocop-demo-2026"

ROLE_ENGLISH = {
    Role.ADMIN: "administrator",
    Role.CENTRAL: "central officer",
    Role.PROVINCE: "province officer",
    Role.COMMUNE: "commune officer",
    Role.COUNCIL: "council member",
    Role.PRODUCER: "producer",
}


@dataclass(frozen=True)
class DemoAccount:
    """One demo login as ``setup_demo`` prints it."""

    username: str
    role: str
    scope: str
    created: bool

    @property
    def role_label(self) -> str:
        return f"{Role(self.role).label} ({ROLE_ENGLISH[Role(self.role)]})"


def current_province(folded_short_name: str) -> AdminUnit | None:
    """The current province whose short name folds to ``folded_short_name`` ("lam dong", "hue")."""
    for unit in AdminUnit.objects.current().filter(level=1).order_by("code"):
        if fold(short_name(unit.name)) == folded_short_name:
            return unit
    return None


def demo_commune(province: AdminUnit) -> AdminUnit | None:
    """The commune of ``province`` with the most demo producers (a rural "xã" first, then by code)."""
    candidates = (
        AdminUnit.objects.current()
        .filter(level=3, path__startswith=province.path)
        .annotate(n_producers=Count("producers"))
        .filter(n_producers__gt=0)
    )
    ranked = sorted(candidates, key=lambda u: (u.kind != "xa", -u.n_producers, u.code))
    return ranked[0] if ranked else None


def demo_producer(commune: AdminUnit) -> Producer | None:
    """A producer of ``commune`` for the ``chuthe`` account: a cooperative with products if there is one."""
    qs = Producer.objects.filter(commune=commune).annotate(n_products=Count("products"))
    return (
        qs.filter(kind="htx", n_products__gt=0).order_by("pk").first()
        or qs.filter(n_products__gt=0).order_by("pk").first()
        or qs.order_by("pk").first()
    )


class _Creator:
    """Creates users with one password hash computed once (hashing is the slow part)."""

    def __init__(self) -> None:
        self._hash: str | None = None

    def get_or_create(self, username: str, *, full_name: str, **fields) -> tuple[User, bool]:
        user = User.objects.filter(username=username).first()
        if user is not None:
            return user, False
        if self._hash is None:
            self._hash = make_password(DEMO_PASSWORD)
        last_name, first_name = split_name(full_name)
        user = User(
            username=username, first_name=first_name, last_name=last_name, password=self._hash, **fields
        )
        user.full_clean(exclude=["password"])
        user.save()
        return user, True


_ADMIN = {
    "full_name": "Trần Minh Quân",
    "role": Role.ADMIN,
    "is_superuser": True,
    "is_staff": True,
    "phone": "0912345678",
}


def ensure_admin() -> User:
    """The ``admin`` superuser, who is the actor of every demo write."""
    user, _ = _Creator().get_or_create("admin", **_ADMIN)
    return user


@transaction.atomic
def ensure_demo_accounts() -> list[DemoAccount]:
    """Create the missing demo accounts; return every demo login with its scope."""
    creator = _Creator()
    accounts: list[DemoAccount] = []
    nationwide = "Toàn quốc (nationwide)"

    admin, created = creator.get_or_create("admin", **_ADMIN)
    accounts.append(DemoAccount(admin.username, Role.ADMIN, nationwide, created))
    central, created = creator.get_or_create(
        "trunguong", full_name="Lê Thị Thu Hà", role=Role.CENTRAL, phone="0983456721"
    )
    accounts.append(DemoAccount(central.username, Role.CENTRAL, nationwide, created))

    lam_dong = current_province("lam dong")
    quang_ngai = current_province("quang ngai")
    officers = [
        ("tinh.lamdong", "Phạm Văn Đức", Role.PROVINCE, lam_dong, "0905123987"),
        ("tinh.quangngai", "Võ Thị Mỹ Linh", Role.PROVINCE, quang_ngai, "0934781256"),
        ("hoidong.lamdong", "Hoàng Minh Tuấn", Role.COUNCIL, lam_dong, "0356712840"),
    ]
    for username, full_name, role, unit, phone in officers:
        if unit is None:
            continue
        user, created = creator.get_or_create(
            username, full_name=full_name, role=role, scope_unit=unit, phone=phone
        )
        accounts.append(DemoAccount(user.username, role, user.scope_unit.name, created))

    commune = demo_commune(lam_dong) if lam_dong else None
    officer = User.objects.filter(role=Role.COMMUNE, username__startswith="xa.").order_by("pk").first()
    if officer is None and commune is not None:
        officer, created = creator.get_or_create(
            f"xa.{slug(short_name(commune.name))}",
            full_name="Nguyễn Thị Hồng Nhung",
            role=Role.COMMUNE,
            scope_unit=commune,
            phone="0978123456",
        )
    else:
        created = False
    if officer is not None:
        scope = officer.scope_unit
        where = f"{scope.name}, {scope.parent.name}" if scope.parent_id else scope.name
        accounts.append(DemoAccount(officer.username, Role.COMMUNE, where, created))
        commune = scope

    producer = demo_producer(commune) if commune is not None else None
    account = User.objects.filter(username="chuthe").first()
    created = False
    if account is None and producer is not None:
        account, created = creator.get_or_create(
            "chuthe",
            full_name=producer.legal_rep_name,
            role=Role.PRODUCER,
            producer=producer,
            phone=producer.phone,
        )
    elif account is not None and account.producer_id is None and producer is not None:
        account.producer = producer
        account.save(update_fields=["producer"])
    if account is not None and account.producer_id:
        accounts.append(DemoAccount(account.username, Role.PRODUCER, account.producer.name, created))
    return accounts
