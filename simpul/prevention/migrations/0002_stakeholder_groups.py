"""Seed the editable reference list of stakeholder groups (from the source articles)."""

from django.db import migrations

from simpul.prevention.reference import GROUPS  # noqa: E402 - plain data, no models


def seed(apps, schema_editor):
    Group = apps.get_model("prevention", "StakeholderGroup")
    for i, (code, name) in enumerate(GROUPS, start=1):
        Group.objects.get_or_create(code=code, defaults={"name": name, "order": i * 10})


class Migration(migrations.Migration):
    dependencies = [("prevention", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
