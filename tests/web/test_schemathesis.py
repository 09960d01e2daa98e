"""Property-based run of the JSON API against its own OpenAPI schema (schemathesis).

Every operation gets a few generated requests (valid and invalid, derandomized so runs
repeat); none may end in a server error. The example count is kept small so the whole run
stays well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

EXAMPLES = 10


def _operations(app) -> list:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_schema_lists_every_api_operation(app):
    labels = {op.label for op in _operations(app)}
    assert {"GET /api/documents/{doc_id}", "GET /api/search", "POST /api/rules/{policy}/calculate"} <= labels


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_api_has_no_server_errors(app, mode):
    for operation in _operations(app):
        if mode == "negative" and not any((operation.query, operation.path_parameters, operation.body)):
            continue  # nothing to make invalid: /api/issues, /api/rules
        strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode))

        @given(case=strategy)
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        run()
