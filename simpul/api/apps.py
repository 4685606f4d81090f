from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.api"
    label = "api"
