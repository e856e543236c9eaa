"""Management commands of evaluation: export_rubric prints each legal sheet; load_rubrics is idempotent."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from ocop.evaluation.models import Rubric
from ocop.evaluation.rubrics import load_regime


def _export(number: int) -> dict:
    out = io.StringIO()
    call_command("export_rubric", str(number), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("number", range(1, 27))
def test_export_rubric_sums_to_40_25_35(number):
    exported = _export(number)
    assert exported["product_set"] == number
    assert exported["parts"] == {"A": 40, "B": 25, "C": 35}
    assert exported["total"] == 100
    for criterion in exported["criteria"]:
        assert criterion["max"] == max(option["points"] for option in criterion["options"]), criterion["code"]
        assert all(option["star"] in {None, 3, 4, 5} for option in criterion["options"])


def test_export_rubric_set_1_matches_the_legal_text():
    criteria = {c["code"]: c for c in _export(1)["criteria"]}
    # 1.5 Liên kết sản xuất: none 0; 50–<75% 1; >75% 2 (4★); >75% and stable 3 (5★).
    # QĐ 26/2026 Phụ lục II, bộ 1.
    options = criteria["1.5"]["options"]
    assert [(o["points"], o["star"]) for o in options] == [(0, None), (1, None), (2, 4), (3, 5)]
    assert criteria["5.2"]["condition"] == "story_exists"
    stars = [o["star"] for c in criteria.values() for o in c["options"] if o["star"]]
    assert (stars.count(3), stars.count(4), stars.count(5)) == (7, 12, 3)


def test_export_rubric_refuses_an_unknown_set():
    with pytest.raises(CommandError, match="27"):
        call_command("export_rubric", "27", stdout=io.StringIO())


@pytest.mark.django_db
def test_load_rubrics_is_idempotent():
    call_command("load_rubrics", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_rubrics", stdout=out)
    assert "26 không đổi" in out.getvalue()
    assert Rubric.objects.filter(is_current=True).count() == len(load_regime("26/2026")) == 26
