from django.db import migrations, models
import uuid

import simpul.crypto.fields
from simpul.crypto.migration_ops import seal_columns


class Migration(migrations.Migration):
    """Free text that can carry a person's name or story is sealed (docs/privacy.md, "Free text")."""

    dependencies = [("outreach", "0002_sealed_text_uid")]

    operations = [
        migrations.AlterField(model_name="vehicle", name="uid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="vehicle", name="notes", field=simpul.crypto.fields.EncryptedTextField(verbose_name="catatan", blank=True, default="")),
        migrations.AlterField(model_name="dispatchrequest", name="area", field=simpul.crypto.fields.EncryptedTextField(verbose_name="wilayah tujuan (umum)", blank=True, default="", help_text="Tanpa alamat rinci, misalnya: Kecamatan Kandangan.")),
        migrations.RunPython(*seal_columns("outreach", "vehicle", ['notes'])),
        migrations.RunPython(*seal_columns("outreach", "dispatchrequest", ['area'])),
    ]
