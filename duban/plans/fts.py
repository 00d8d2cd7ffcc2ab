"""The SQL behind search.py: full-text search over a table's search_text column, indexed by
the job worker after the write commits. On SQLite an FTS5 trigram table filled from a log of
the rows to (re)index; on PostgreSQL a partial pg_trgm GIN index over the rows marked indexed.

SQLite's trigram index costs about 0.2 ms a row of 300 characters: indexing in the write's
own transaction (triggers, as before) was half of a 1,000-row import. Now the triggers only
log the row's id in {table}_fts_pending (with the text the index holds for it, if any: an
external-content FTS5 table deletes an entry by its indexed text), and index_pending, run by
the job worker after the write commits, indexes the logged rows in batches. Meanwhile search
reads the pending rows by LIKE over their current text (search.py), so no row is missed.
PostgreSQL's GIN index cost 0.3 ms a row written; it is partial in the same way (postgres).

Used by the migrations that create it and by the post-migrate check (signals.py). It
imports nothing of the app (no models), so a migration may import it."""

from typing import Any

# The table names are the models' own (SEARCHED_TABLES), never a user's words.


def sqlite(table: str) -> list[str]:
    fts, log = f"{table}_fts", f"{table}_fts_pending"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"search_text, content='{table}', content_rowid='id', tokenize='trigram')",
        # row_id: a row to (re)index; old_text: what the index holds for it (NULL: nothing).
        f"CREATE TABLE IF NOT EXISTS {log} (row_id INTEGER PRIMARY KEY, old_text TEXT)",
        # OR IGNORE: a row logged already keeps the text that was indexed.
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "  # noqa: S608
        f"INSERT OR IGNORE INTO {log}(row_id, old_text) VALUES (new.id, NULL); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "  # noqa: S608
        f"INSERT OR IGNORE INTO {log}(row_id, old_text) VALUES (old.id, old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} "  # noqa: S608
        "WHEN old.search_text IS NOT new.search_text BEGIN "
        f"INSERT OR IGNORE INTO {log}(row_id, old_text) VALUES (old.id, old.search_text); END",
    ]


def sqlite_reverse(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"DROP TRIGGER IF EXISTS {fts}_au",
        f"DROP TRIGGER IF EXISTS {fts}_ad",
        f"DROP TRIGGER IF EXISTS {fts}_ai",
        f"DROP TABLE IF EXISTS {fts}_pending",
        f"DROP TABLE IF EXISTS {fts}",
    ]


def sqlite_rebuilt(table: str) -> list[str]:
    """After a rebuild of the whole index from the table: nothing is pending."""
    fts = f"{table}_fts"
    return [f"INSERT INTO {fts}({fts}) VALUES ('rebuild')", f"DELETE FROM {fts}_pending"]  # noqa: S608


def index_pending(cursor: Any, table: str, batch: int) -> int:
    """Index up to `batch` logged rows of table; returns how many were logged. The caller
    holds the write lock (duban's SQLite transactions begin IMMEDIATE), so no write comes
    between reading the log and indexing what it names."""
    fts, log = f"{table}_fts", f"{table}_fts_pending"
    cursor.execute(
        f"DELETE FROM {log} WHERE row_id IN "  # noqa: S608
        f"(SELECT row_id FROM {log} ORDER BY row_id LIMIT %s) RETURNING row_id, old_text",
        [batch],
    )
    logged = cursor.fetchall()
    if not logged:
        return 0
    indexed = [(row_id, old) for row_id, old in logged if old is not None]
    if indexed:
        cursor.executemany(
            f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', %s, %s)",  # noqa: S608
            indexed,
        )
    cursor.execute(
        f"INSERT INTO {fts}(rowid, search_text) SELECT id, search_text FROM {table} "  # noqa: S608
        "WHERE id IN (SELECT value FROM json_each(%s))",
        ["[" + ",".join(str(row_id) for row_id, _ in logged) + "]"],
    )
    return len(logged)


def postgres(table: str) -> list[str]:
    """A trigram GIN index over the rows the worker marked search_indexed (a column the
    models do not know: INSERTs leave it false); a change of search_text unmarks the row.
    Only marked rows are in the index, so a write costs no GIN insertion (0.3 ms a row)."""
    unmark = f"{table}_search_unmark"
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        # DEFAULT true, then false: the rows already there count as indexed (by the index
        # made next), rows written from now on do not.
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_indexed boolean "
        "NOT NULL DEFAULT true",
        f"ALTER TABLE {table} ALTER COLUMN search_indexed SET DEFAULT false",
        f"CREATE INDEX IF NOT EXISTS {table}_search_trgm_indexed ON {table} "
        "USING gin (search_text gin_trgm_ops) WHERE search_indexed",
        f"CREATE INDEX IF NOT EXISTS {table}_search_pending ON {table} (id) "
        "WHERE NOT search_indexed",
        f"CREATE OR REPLACE FUNCTION {unmark}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF NEW.search_text IS DISTINCT FROM OLD.search_text THEN "
        "NEW.search_indexed := false; END IF; RETURN NEW; END $$",
        f"DROP TRIGGER IF EXISTS {unmark} ON {table}",
        f"CREATE TRIGGER {unmark} BEFORE UPDATE OF search_text ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {unmark}()",
    ]


def postgres_reverse(table: str) -> list[str]:
    unmark = f"{table}_search_unmark"
    return [
        f"DROP TRIGGER IF EXISTS {unmark} ON {table}",
        f"DROP FUNCTION IF EXISTS {unmark}()",
        f"DROP INDEX IF EXISTS {table}_search_pending",
        f"DROP INDEX IF EXISTS {table}_search_trgm_indexed",
        f"DROP INDEX IF EXISTS {table}_search_trgm",
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_indexed",
    ]


def postgres_index_pending(cursor: Any, table: str, batch: int) -> int:
    """Mark up to `batch` rows indexed: PostgreSQL puts them in the partial index. A row
    edited meanwhile is re-checked by the UPDATE and indexed with its new text."""
    cursor.execute(
        f"UPDATE {table} SET search_indexed = true WHERE id IN "  # noqa: S608
        f"(SELECT id FROM {table} WHERE NOT search_indexed ORDER BY id LIMIT %s)",
        [batch],
    )
    return int(cursor.rowcount)


# Whether a table has rows to index (the worker runs every minute, mostly for nothing).
PENDING_EXISTS = {
    "sqlite": "SELECT EXISTS (SELECT 1 FROM {table}_fts_pending)",
    "postgresql": "SELECT EXISTS (SELECT 1 FROM {table} WHERE NOT search_indexed)",
}
SEARCHED_TABLES = ("plans_task", "disclosure_publishedtask")
