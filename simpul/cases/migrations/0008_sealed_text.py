import uuid

from django.db import migrations, models

import simpul.crypto.fields
from simpul.crypto.migration_ops import seal_columns


class Migration(migrations.Migration):
    """Free text that can carry a person's name or story is sealed (docs/privacy.md, "Free text")."""

    dependencies = [("cases", "0007_sealed_text_uid")]

    operations = [
        migrations.AlterField(model_name="caseassignment", name="uid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="incident", name="tppo_destination", field=simpul.crypto.fields.EncryptedTextField(blank=True, null=True, verbose_name="daerah/negara tujuan (TPPO)")),
        migrations.AlterField(model_name="servicedelivery", name="provider_name", field=simpul.crypto.fields.EncryptedTextField(blank=True, null=True, verbose_name="penyedia lain (jika tidak terdaftar)")),
        migrations.AlterField(model_name="caseassignment", name="end_reason", field=simpul.crypto.fields.EncryptedTextField(blank=True, null=True, verbose_name="alasan")),
        migrations.RunPython(*seal_columns("cases", "incident", ["tppo_destination"])),
        migrations.RunPython(*seal_columns("cases", "servicedelivery", ["provider_name"])),
        migrations.RunPython(*seal_columns("cases", "caseassignment", ["end_reason"])),
    ]
