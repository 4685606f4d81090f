from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.guide"
    label = "guide"

    def ready(self) -> None:
        from simpul.guide import policies  # noqa: F401 - registers the access rule
