"""On PostgreSQL the search text has a trigram index, so `?q=` does not read every row of a
language (see mia/portal/migrations/0002_search_trigram_index.py)."""

import pytest
from django.db import connection

from mia.portal.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")
def test_the_search_text_has_a_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            [SearchEntry._meta.db_table, "portal_searchentry_text_trgm"],
        )
        [(definition,)] = cursor.fetchall()
    assert "gin" in definition
    assert "gin_trgm_ops" in definition
