from django.db import migrations

import simpul.crypto.fields
from simpul.crypto.migration_ops import seal_columns


class Migration(migrations.Migration):
    """Free text that can carry a person's name or story is sealed (docs/privacy.md, "Free text")."""

    dependencies = [("intake", "0002_shared_code_labels")]

    operations = [
        migrations.AlterField(model_name="report", name="external_ref", field=simpul.crypto.fields.EncryptedTextField(blank=True, default="", verbose_name="nomor rujukan luar")),
        migrations.RunPython(*seal_columns("intake", "report", ["external_ref"])),
    ]
