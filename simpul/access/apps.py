from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.access"
    label = "access"
    # Mechanism only: each module registers its own rules from its ``policies.py``, imported in
    # that module's ``AppConfig.ready()``. This app imports no domain module.
