from django.apps import AppConfig


class HistoryConfig(AppConfig):
    """Content history: versions to compare and restore, deleted objects to recover."""

    name = "history"
