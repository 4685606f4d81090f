from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.regions"
    label = "regions"
