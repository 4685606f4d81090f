from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.people"
    label = "people"
