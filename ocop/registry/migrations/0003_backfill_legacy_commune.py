"""Place every existing producer on the pre-2025 map in the principal predecessor of its commune."""

from django.db import migrations

from ocop.geo.domain import principal_code


def backfill(apps, schema_editor):
    Producer = apps.get_model("registry", "Producer")
    Succession = apps.get_model("geo", "Succession")
    communes = set(Producer.objects.filter(legacy_commune__isnull=True).values_list("commune_id", flat=True))
    candidates: dict[int, list[tuple[int, str, str, int]]] = {}
    rows = Succession.objects.filter(successor_id__in=communes, predecessor__level__gte=2).values_list(
        "successor_id", "predecessor__level", "predecessor__code", "kind", "predecessor_id"
    )
    for successor_id, level, code, kind, predecessor_id in rows:
        candidates.setdefault(successor_id, []).append((level, code, kind, predecessor_id))
    for commune_id, all_rows in candidates.items():
        lowest = max(row[0] for row in all_rows)
        rows_ = [(c, k, pk) for level, c, k, pk in all_rows if level == lowest]
        code = principal_code([(c, k) for c, k, _pk in rows_])
        legacy_id = next(pk for c, _k, pk in rows_ if c == code)
        Producer.objects.filter(commune_id=commune_id, legacy_commune__isnull=True).update(
            legacy_commune_id=legacy_id
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_producer_legacy_commune"), ("geo", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
