# Written by hand: the same word-prefix function (migration 0004), computed by a loop.

from django.db import migrations

# Every new person evaluates trithuc_word_prefixes() twice on PostgreSQL (the GIN indexes of the
# name and of the expertise). The SQL version runs a small query per call (split, series,
# DISTINCT aggregate): measured over 20 000 imported names, 1.5 s for the names and 0.6 s for
# the (mostly empty) expertise, about a third of the server's work to store them. This loop gives
# the same tsvector for every text (array_to_tsvector sorts and removes duplicates itself; a test
# compares both on names and expertise) in 0.7 s and 0.1 s. The indexes stay valid: the values
# they hold do not change.
FORWARD = """CREATE OR REPLACE FUNCTION trithuc_word_prefixes(text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
        t ALIAS FOR $1;
        word text;
        prefixes text[] := '{}';
    BEGIN
        IF t = '' THEN
            RETURN ''::tsvector;
        END IF;
        FOREACH word IN ARRAY regexp_split_to_array(t, '[^0-9a-z]+') LOOP
            FOR n IN 1..length(word) LOOP
                prefixes := prefixes || left(word, n);
            END LOOP;
        END LOOP;
        RETURN array_to_tsvector(prefixes);
    END
    $$"""
# The function of migration 0004, as it was.
BACKWARD = """CREATE OR REPLACE FUNCTION trithuc_word_prefixes(text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT left(word, n))), ''::tsvector)
        FROM regexp_split_to_table($1, '[^0-9a-z]+') AS word, generate_series(1, length(word)) AS n
        WHERE word <> ''
    $$"""


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_person_keepers"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
