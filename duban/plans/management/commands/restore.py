from duban import backup as backups
from duban.plans.management.database_file import DatabaseFileCommand


class Command(DatabaseFileCommand):
    help = "Put the whole database back from a backup file (SQLite, or pg_restore)."
    verb = "restore"
    operation = staticmethod(backups.restore)
