from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.core"
    label = "core"
