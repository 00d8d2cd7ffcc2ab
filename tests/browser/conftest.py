from __future__ import annotations

import pytest

from tests.conftest import XICHENG


@pytest.fixture
def public_plan(transactional_db):  # type: ignore[no-untyped-def]
    """Transactional tests empty the database after each test: load the plan again."""
    from duban.plans.importing import import_bytes

    return import_bytes(XICHENG.read_bytes(), XICHENG.name, public=True).plan
