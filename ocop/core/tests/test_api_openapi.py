"""The OpenAPI 3.1 document: valid, every operation summarised, tagged and with documented errors."""

import pytest
import schemathesis

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def schema(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_it_is_openapi_3_1_and_loads_in_schemathesis(schema):
    assert schema["openapi"].startswith("3.1")
    loaded = schemathesis.openapi.from_dict(schema)
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) > 60


def test_every_operation_has_a_summary_a_tag_and_documented_errors(schema):
    assert schema["components"]["schemas"]["ErrorOut"]["properties"]["error"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), where
            assert operation.get("tags"), where
            assert "404" in operation["responses"], where
            assert "422" in operation["responses"], where
            if operation.get("security"):
                assert "401" in operation["responses"], where
                assert {"ApiTokenAuth": []} in operation["security"], where
            ref = operation["responses"]["404"]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/ErrorOut", where


# A sub-collection bounded by nature (the sheets of one dossier: one per council member) stays a list.
BOUNDED_LISTS = {"/api/v1/dossiers/{dossier_id}/sheets"}


def test_every_list_operation_is_paginated(schema):
    components = schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        if "get" not in methods or path in BOUNDED_LISTS:
            continue
        ok = methods["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok.get("type") != "array", f"GET {path} answers a bare list"
        if "$ref" in ok and ok["$ref"].startswith("#/components/schemas/Paged"):
            body = components[ok["$ref"].rsplit("/", 1)[-1]]
            assert set(body["properties"]) == {"items", "count"}, path
            names = {p["name"] for p in methods["get"]["parameters"]}
            assert {"limit", "offset"} <= names, path


def test_the_docs_page_loads_nothing_from_a_cdn(client, db):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs"):
        assert cdn not in html


def test_no_two_different_schemas_share_a_component_name(schema):
    """ninja names components after the class: two different ``UnitRef`` would silently become one."""
    from collections import defaultdict

    from ninja import Schema

    import ocop.api  # noqa: F401 - every router imported

    shapes = defaultdict(set)
    pending = list(Schema.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("ocop") and cls.__name__ in schema["components"]["schemas"]:
            shapes[cls.__name__].add(str(sorted(cls.model_json_schema().get("properties", {}).items())))
    assert {name for name, found in shapes.items() if len(found) > 1} == set()
