from duban import backup as backups
from duban.plans.management.database_file import DatabaseFileCommand


class Command(DatabaseFileCommand):
    help = "Save the whole database to a file (SQLite online backup, or pg_dump)."
    verb = "backup"
    operation = staticmethod(backups.backup)
