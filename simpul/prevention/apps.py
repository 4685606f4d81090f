from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.prevention"
    label = "prevention"
