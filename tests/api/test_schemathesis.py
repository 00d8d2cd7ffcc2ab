"""Property-based API testing: schemathesis generates requests from the OpenAPI schema and
no response may be a server error. A bounded number of examples per operation; CI runs it."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from duban.wsgi import application

EXAMPLES = 12


@pytest.fixture
def keep_connection():  # type: ignore[no-untyped-def]
    """The real WSGI handler closes 'old' connections around each request; inside a test's
    transaction that would close the test's own connection (PostgreSQL). Django's test client
    does the same as this."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_no_server_error_on_any_operation(people, capsys, keep_connection) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.authtoken.models import Token

    token = Token.objects.get_or_create(user=people.office)[0].key
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    calls = {"n": 0}
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers={"Authorization": f"Token {token}"})
            calls["n"] += 1
            case.validate_response(response, checks=(not_a_server_error,))

        check()
    with capsys.disabled():
        print(
            f"\nschemathesis: {len(operations)} operations, {calls['n']} requests, no server error"
        )
    assert len(operations) > 30 and calls["n"] > len(operations)
