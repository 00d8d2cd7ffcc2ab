from duban import backup as backups
from duban.plans.management.database_file import DatabaseFileCommand


class Command(DatabaseFileCommand):
    help = "Save the database and the stored files (attachments) to one archive."
    verb = "backup"
    operation = staticmethod(backups.backup)
