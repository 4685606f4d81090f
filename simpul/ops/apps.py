from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.ops"
    label = "ops"
    verbose_name = "Operasi (metrik)"
