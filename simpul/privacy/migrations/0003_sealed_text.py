from django.db import migrations, models
import uuid

import simpul.crypto.fields
from simpul.crypto.migration_ops import seal_columns


class Migration(migrations.Migration):
    """Free text that can carry a person's name or story is sealed (docs/privacy.md, "Free text")."""

    dependencies = [("privacy", "0002_sealed_text_uid")]

    operations = [
        migrations.AlterField(model_name="legalhold", name="uid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="legalhold", name="reason", field=simpul.crypto.fields.EncryptedTextField(verbose_name="alasan")),
        migrations.AlterField(model_name="subjectrequest", name="refusal_reason", field=simpul.crypto.fields.EncryptedTextField(blank=True, default="", verbose_name="alasan penolakan")),
        migrations.RunPython(*seal_columns("privacy", "legalhold", ["reason"])),
        migrations.RunPython(*seal_columns("privacy", "subjectrequest", ["refusal_reason"])),
    ]
