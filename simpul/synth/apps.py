from django.apps import AppConfig


class Config(AppConfig):
    """Synthetic data (``simpul seed``, the demo's cases and reports): written in bulk with the
    domain's own pure rules (cases.rules, intake.clocks)."""

    name = "simpul.synth"
    label = "synth"
