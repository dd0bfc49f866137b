# Written by hand: PostgreSQL's search index holds every beginning of every word.

from django.db import migrations

# A prefix query (`tuan:*`) on a GIN full-text index cannot use GIN's fast intersection: each
# partial term is expanded into a bitmap of every row it matches first, and the rows are checked
# again against the expression. At a million people "le minh tuan" took ~100 ms that way against
# ~9 ms for the same words as whole terms. Indexing each word's beginnings as terms of their own
# ("tuan" → t, tu, tua, tuan) makes every typed word a whole-term lookup. SQLite's FTS5 table
# does the same for 1–3 letters with its prefix indexes.
POSTGRES_FORWARD = [
    """CREATE FUNCTION trithuc_word_prefixes(text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT left(word, n))), ''::tsvector)
        FROM regexp_split_to_table($1, '[^0-9a-z]+') AS word, generate_series(1, length(word)) AS n
        WHERE word <> ''
    $$""",
    "CREATE INDEX people_person_name_prefixes ON people_person "
    "USING gin (trithuc_word_prefixes(search_text))",
    "CREATE INDEX people_person_expertise_prefixes ON people_person "
    "USING gin (trithuc_word_prefixes(expertise_text))",
    "DROP INDEX IF EXISTS people_person_name_fts",
    "DROP INDEX IF EXISTS people_person_expertise_fts",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX people_person_name_fts ON people_person "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
    "CREATE INDEX people_person_expertise_fts ON people_person "
    "USING gin (to_tsvector('simple'::regconfig, expertise_text))",
    "DROP INDEX IF EXISTS people_person_expertise_prefixes",
    "DROP INDEX IF EXISTS people_person_name_prefixes",
    "DROP FUNCTION IF EXISTS trithuc_word_prefixes(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_person_search_index"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
