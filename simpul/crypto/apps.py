from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.crypto"
    label = "crypto"
