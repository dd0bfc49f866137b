# Written by hand: the name-order index also holds the columns the list's group filters read.

from django.db import migrations

# A page of the person list is found by walking the name order (people/selectors.py) and
# stopping after a page. With a group filter the walk read each person's row for the column the
# filter asks about: given names sort men and women into long runs, so the first page of women
# at a million people walked past 19 615 men, 81 ms of row reads (benchmarks/scope_lists.py).
# With gender, birth date, party membership and ethnic group in the index, as the folded name
# and the owner already are, the walk reads the index alone. The index grows by about a fifth.
OLD = {
    "sqlite": "CREATE INDEX people_person_name_order ON people_person "
    "(sort_key, id, search_text, user_id)",
    "postgresql": "CREATE INDEX people_person_name_order ON people_person "
    "(sort_key, id) INCLUDE (search_text, user_id)",
}
NEW = {
    "sqlite": "CREATE INDEX people_person_name_order ON people_person "
    "(sort_key, id, search_text, user_id, gender, birth_date, is_party_member, ethnicity_id)",
    "postgresql": "CREATE INDEX people_person_name_order ON people_person "
    "(sort_key, id) INCLUDE (search_text, user_id, gender, birth_date, is_party_member, "
    "ethnicity_id)",
}


def _remake(definitions):
    def remake(apps, schema_editor):
        statement = definitions.get(schema_editor.connection.vendor)
        if statement is None:
            return
        schema_editor.execute("DROP INDEX IF EXISTS people_person_name_order")
        schema_editor.execute(statement)

    return remake


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0009_history_without_search_indexes"),
    ]

    operations = [
        migrations.RunPython(_remake(NEW), _remake(OLD)),
    ]
