# Written by hand: PostgreSQL's name search also indexes the words of a name two by two.

from django.db import migrations

# Several common words typed together ("tran thi hoa": each word begins the name of a tenth of
# the registry, all three 588 people at a million) made GIN read the three lists of a hundred
# thousand people each and intersect them: 13.5 ms of the page's 24. This index holds, for every
# word a of a name and every word b after it, each beginning of a followed by "+" and the whole
# of b ("pham ngoc anh": p+ngoc, … pham+ngoc, p+anh, … pham+anh, n+anh, … ngoc+anh), so "a word
# beginning with hoa and another beginning with tran" is 'hoa+tran':* | 'tran+hoa':* (one
# order or the other), whose lists hold only those people (people/search.py,
# ``_pairs_condition``). A name of three words gives about ten terms. Both orders of every pair
# were twice the terms for the same speed of search, and a fifth slower imports.
POSTGRES_FORWARD = [
    """CREATE FUNCTION trithuc_word_pairs(text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
        words text[] := regexp_split_to_array($1, '[^0-9a-z]+');
        terms text[] := '{}';
    BEGIN
        FOR i IN 1..coalesce(array_length(words, 1), 0) LOOP
            CONTINUE WHEN words[i] = '';
            FOR j IN i + 1..array_length(words, 1) LOOP
                CONTINUE WHEN words[j] = '';
                FOR n IN 1..length(words[i]) LOOP
                    terms := terms || (left(words[i], n) || '+' || words[j]);
                END LOOP;
            END LOOP;
        END LOOP;
        RETURN array_to_tsvector(terms);
    END
    $$""",
    "CREATE INDEX people_person_name_pairs ON people_person "
    "USING gin (trithuc_word_pairs(search_text))",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS people_person_name_pairs",
    "DROP FUNCTION IF EXISTS trithuc_word_pairs(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0010_name_order_covers_list_filters"),
    ]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
