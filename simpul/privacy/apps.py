from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.privacy"
    label = "privacy"
