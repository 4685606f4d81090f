from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.files"
    label = "files"
