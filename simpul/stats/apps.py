from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.stats"
    label = "stats"
