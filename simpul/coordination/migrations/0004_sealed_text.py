from django.db import migrations, models
import uuid

import simpul.crypto.fields
from simpul.crypto.migration_ops import seal_columns


class Migration(migrations.Migration):
    """Free text that can carry a person's name or story is sealed (docs/privacy.md, "Free text")."""

    dependencies = [("coordination", "0003_sealed_text_uid")]

    operations = [
        migrations.AlterField(model_name="meeting", name="uid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="actionitem", name="uid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="realisation", name="uid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="meeting", name="agenda", field=simpul.crypto.fields.EncryptedTextField(verbose_name="agenda")),
        migrations.AlterField(model_name="meeting", name="minutes", field=simpul.crypto.fields.EncryptedTextField(verbose_name="notulen", blank=True, default="", help_text="Jangan menulis identitas korban di notulen.")),
        migrations.AlterField(model_name="actionitem", name="description", field=simpul.crypto.fields.EncryptedTextField(verbose_name="tindakan")),
        migrations.AlterField(model_name="realisation", name="evidence", field=simpul.crypto.fields.EncryptedTextField(verbose_name="bukti / keterangan", blank=True, default="")),
        migrations.RunPython(*seal_columns("coordination", "meeting", ['agenda', 'minutes'])),
        migrations.RunPython(*seal_columns("coordination", "actionitem", ['description'])),
        migrations.RunPython(*seal_columns("coordination", "realisation", ['evidence'])),
    ]
