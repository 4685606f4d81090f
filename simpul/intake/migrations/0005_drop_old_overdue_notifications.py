# The old overdue-notification path (intake Notification, OverdueNotice) is gone: simpul/notify
# notifies of overdue reports from its scan.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0004_report_date_range'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Notification',
        ),
        migrations.DeleteModel(
            name='OverdueNotice',
        ),
    ]
