# Written by hand: statistics for the table migration 0005 filled.

from django.db import migrations

# Migration 0005 fills people_personkeeper in one INSERT … SELECT. Until autovacuum gets to it,
# PostgreSQL plans the person list against an empty-looking table: at a million people one such
# plan ran for minutes where the planned one takes milliseconds. ANALYZE is allowed inside the
# migration's transaction and reads a sample, a second or two at that size. SQLite is left as it
# is: its plans were chosen without sqlite_stat1, and gathering it would change them.
TABLES = ("people_personkeeper", "people_person", "people_employment")


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"ANALYZE {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_word_prefixes_plpgsql"),
    ]

    operations = [
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
