# Written by hand: PostgreSQL's word indexes each have a second, partial one over an eighth of
# the registry, for counting a search that matches many people.

from django.db import migrations

# The list counts a search up to PEOPLE_COUNT_LIMIT + 1 matches and then says "more than". GIN
# lists every match before it returns one, so an expertise phrase that a thirtieth of a million
# people have ("chuyen doi so", 30 000) cost 12 ms to count up to 1 001, 8 of them in the word
# index. When an eighth of the registry already holds more matches than the limit, so does the
# whole: these indexes cover the people whose id is a multiple of 8 (ids are given in the order
# people are filed, so every unit, name and expertise is spread evenly over them), and reading
# the same phrase there took 2 ms (people/search.py, ``first_matches``). Each is about an eighth
# the size of its whole. The predicate must be written exactly so in the query
# (``search.in_eighth``) for PostgreSQL to prove that the index covers it.
INDEXES = {
    "people_person_name_prefixes_eighth": "trithuc_word_prefixes(search_text)",
    "people_person_name_pairs_eighth": "trithuc_word_pairs(search_text)",
    "people_person_expertise_prefixes_eighth": "trithuc_word_prefixes(expertise_text)",
}
# (The % of the modulo is doubled: the schema editor's statements pass through the driver's
# parameter syntax.)
POSTGRES_FORWARD = [
    f"CREATE INDEX {name} ON people_person USING gin ({expression}) WHERE id %% 8 = 0"
    for name, expression in INDEXES.items()
]
POSTGRES_BACKWARD = [f"DROP INDEX IF EXISTS {name}" for name in INDEXES]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0011_name_word_pairs"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
