from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.audit"
    label = "audit"
