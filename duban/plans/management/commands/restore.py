from duban import backup as backups
from duban.plans.management.database_file import DatabaseFileCommand


class Command(DatabaseFileCommand):
    help = "Put the database and the stored files back from a duban backup archive."
    verb = "restore"
    operation = staticmethod(backups.restore)
