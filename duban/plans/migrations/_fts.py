"""SQL for full-text search, shared by migration 0002 and the post-migrate check."""

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS plans_task_fts USING fts5("
    "search_text, content='plans_task', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS plans_task_fts_ai AFTER INSERT ON plans_task BEGIN "
    "INSERT INTO plans_task_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS plans_task_fts_ad AFTER DELETE ON plans_task BEGIN "
    "INSERT INTO plans_task_fts(plans_task_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS plans_task_fts_au AFTER UPDATE OF search_text ON plans_task BEGIN "
    "INSERT INTO plans_task_fts(plans_task_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO plans_task_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS plans_task_fts_au",
    "DROP TRIGGER IF EXISTS plans_task_fts_ad",
    "DROP TRIGGER IF EXISTS plans_task_fts_ai",
    "DROP TABLE IF EXISTS plans_task_fts",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS plans_task_search_trgm ON plans_task "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS plans_task_search_trgm"]


