"""Make the audit table append-only in the database itself.

PostgreSQL: UPDATE and DELETE raise. SQLite: UPDATE raises (DELETE stays possible there
because Django's test-database flush deletes rows; `simpul audit verify` still detects it).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'audit_auditevent is append-only'; END;
            $$ LANGUAGE plpgsql;
            """
        )
        schema_editor.execute(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditevent "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_auditevent "
            "BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END;"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent;")
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_append_only();")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_append_only;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
