from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.outreach"
    label = "outreach"
