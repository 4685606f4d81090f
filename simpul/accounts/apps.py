from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.accounts"
    label = "accounts"

    def ready(self) -> None:
        from simpul.access import register_seat_source
        from simpul.accounts import policies  # noqa: F401 - registers the module's access rules
        from simpul.accounts.seats import seats_of

        register_seat_source(seats_of)
        from simpul.accounts import signals  # noqa: F401

        # The menu entries of user management are registered by simpul.core (the platform
        # knows the ground, not the other way round).
