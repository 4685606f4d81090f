from django.db import migrations, models

from simpul.crypto.migration_ops import fill_uids


class Migration(migrations.Migration):
    """Rows get a uid: the associated data that binds a sealed value to its row (docs/crypto.md)."""

    dependencies = [("cases", "0006_shared_code_labels")]

    operations = [
        migrations.AddField(model_name="caseassignment", name="uid", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(*fill_uids("cases", "caseassignment")),
    ]
