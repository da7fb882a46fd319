"""django-tasks' database backend under an Indonesian name in the admin.

Kept out of sakip/apps.py: Django picks an app's default AppConfig among the classes of its
apps module, and a second one there would hide SakipConfig.
"""

from django_tasks_db.apps import TasksAppConfig


class TugasDatabaseConfig(TasksAppConfig):
    """django-tasks' database backend under an Indonesian name in the admin ("Tasks Database
    Backend" otherwise): Django takes an app's label from its AppConfig, and a subclass listed
    in INSTALLED_APPS is how a project renames a third-party app (same label, same tables)."""

    verbose_name = "Antrean tugas latar belakang"
