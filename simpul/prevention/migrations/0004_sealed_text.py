from django.db import migrations, models
import uuid

import simpul.crypto.fields
from simpul.crypto.migration_ops import seal_columns


class Migration(migrations.Migration):
    """Free text that can carry a person's name or story is sealed (docs/privacy.md, "Free text")."""

    dependencies = [("prevention", "0003_sealed_text_uid")]

    operations = [
        migrations.AlterField(model_name="followup", name="uid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="activity", name="description", field=simpul.crypto.fields.EncryptedTextField(verbose_name="ringkasan", blank=True, default="")),
        migrations.AlterField(model_name="followup", name="description", field=simpul.crypto.fields.EncryptedTextField(verbose_name="tindak lanjut")),
        migrations.RunPython(*seal_columns("prevention", "activity", ['description'])),
        migrations.RunPython(*seal_columns("prevention", "followup", ['description'])),
    ]
