# Written by hand: the SQLite word index keeps the beginnings of words up to seven letters.

from django.db import migrations

# FTS5 answers a prefix term ("nguyen"*) from a prefix index when one of that length exists;
# otherwise it merges the lists of every word that begins so into one list in memory before it
# can intersect: at a million people the word query alone for "nguyen van hung" took 12 ms, 4 ms
# with the index (benchmarks/README.md, search). Folded Vietnamese syllables have at most seven
# letters ("nghieng"), so lengths 1 to 7 cover every name; a longer word (a foreign term in the
# expertise box) is still found, the slower way. The index grows by about a fifth.
# FTS5 cannot change the option of a table, so the table is made again and rebuilt from
# people_person (its content table), about 4 s at a million people, during which the database
# takes no other write; the triggers of migration 0003 name it and keep working.
SQLITE_TABLE = """CREATE VIRTUAL TABLE people_person_fts USING fts5(
    search_text, expertise_text,
    content='people_person', content_rowid='id', tokenize='unicode61', prefix='{prefixes}')"""
SQLITE_REBUILD = "INSERT INTO people_person_fts(people_person_fts) VALUES ('rebuild')"


def _remake(prefixes: str):
    def remake(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        schema_editor.execute("DROP TABLE people_person_fts")
        schema_editor.execute(SQLITE_TABLE.format(prefixes=prefixes))
        schema_editor.execute(SQLITE_REBUILD)

    return remake


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_analyze_keepers"),
    ]

    operations = [
        migrations.RunPython(_remake("1 2 3 4 5 6 7"), _remake("1 2 3")),
    ]
