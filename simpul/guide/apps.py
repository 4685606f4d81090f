from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.guide"
    label = "guide"
