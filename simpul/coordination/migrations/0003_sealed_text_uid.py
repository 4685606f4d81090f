from django.db import migrations, models
import uuid

import simpul.crypto.fields
from simpul.crypto.migration_ops import fill_uids


class Migration(migrations.Migration):
    """Rows get a uid: the associated data that binds a sealed value to its row (docs/crypto.md)."""

    dependencies = [("coordination", "0002_initial")]

    operations = [
        migrations.AddField(model_name="meeting", name="uid", field=models.UUIDField(null=True, editable=False)),
        migrations.AddField(model_name="actionitem", name="uid", field=models.UUIDField(null=True, editable=False)),
        migrations.AddField(model_name="realisation", name="uid", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(*fill_uids("coordination", "meeting")),
        migrations.RunPython(*fill_uids("coordination", "actionitem")),
        migrations.RunPython(*fill_uids("coordination", "realisation")),
    ]
