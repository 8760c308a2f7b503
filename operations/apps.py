from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: backups, health check, error pages, safe media, headers, logs."""

    name = "operations"
