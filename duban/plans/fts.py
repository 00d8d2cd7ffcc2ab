"""The SQL behind search.py: full-text search over a table's search_text column, an FTS5
trigram table kept in step by triggers on SQLite, a pg_trgm GIN index on PostgreSQL.

Used by the migrations that create it and by the post-migrate check (signals.py). It
imports nothing of the app (no models), so a migration may import it."""


# The table names are the models' own (SEARCHED_TABLES), never a user's words.
def sqlite(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"search_text, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "  # noqa: S608
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "  # noqa: S608
        f"INSERT INTO {fts}({fts}, rowid, search_text) "
        f"VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "  # noqa: S608
        f"INSERT INTO {fts}({fts}, rowid, search_text) "
        f"VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
    ]


def sqlite_reverse(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"DROP TRIGGER IF EXISTS {fts}_au",
        f"DROP TRIGGER IF EXISTS {fts}_ad",
        f"DROP TRIGGER IF EXISTS {fts}_ai",
        f"DROP TABLE IF EXISTS {fts}",
    ]


def postgres(table: str) -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} "
        "USING gin (search_text gin_trgm_ops)",
    ]


def postgres_reverse(table: str) -> list[str]:
    return [f"DROP INDEX IF EXISTS {table}_search_trgm"]


SEARCHED_TABLES = ("plans_task", "disclosure_publishedtask")
