from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.coordination"
    label = "coordination"
