from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.access"
    label = "access"

    def ready(self) -> None:
        # Every module's rules live in simpul/access/policies/<module>.py and register here.
        from simpul.access import policies

        policies.load_all()
