from django.db import migrations, models


def fill_time_zones(apps, schema_editor):
    from simpul.accounts.models import time_zone_for_region

    Organisation = apps.get_model("accounts", "Organisation")
    for org in Organisation.objects.filter(time_zone="").only("pk", "region_id"):
        Organisation.objects.filter(pk=org.pk).update(time_zone=time_zone_for_region(org.region_id))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="time_zone",
            field=models.CharField(
                blank=True,
                choices=[
                    ("Asia/Jakarta", "WIB (UTC+7): Sumatera, Jawa, Kalimantan Barat dan Tengah"),
                    ("Asia/Makassar", "WITA (UTC+8): Bali, Nusa Tenggara, Kalimantan Selatan, Timur dan Utara, Sulawesi"),
                    ("Asia/Jayapura", "WIT (UTC+9): Maluku dan Papua"),
                ],
                max_length=32,
                verbose_name="zona waktu",
            ),
        ),
        migrations.RunPython(fill_time_zones, migrations.RunPython.noop),
    ]
