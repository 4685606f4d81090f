from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.cases"
    label = "cases"
