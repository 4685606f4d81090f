from django.db import migrations, models
import uuid

import simpul.crypto.fields
from simpul.crypto.migration_ops import fill_uids


class Migration(migrations.Migration):
    """Rows get a uid: the associated data that binds a sealed value to its row (docs/crypto.md)."""

    dependencies = [("prevention", "0002_stakeholder_groups")]

    operations = [
        migrations.AddField(model_name="followup", name="uid", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(*fill_uids("prevention", "followup")),
    ]
