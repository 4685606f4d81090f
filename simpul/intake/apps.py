from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.intake"
    label = "intake"
