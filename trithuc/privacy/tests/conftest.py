import pytest

from trithuc.people.reference import reference_data_load


@pytest.fixture
def reference(db) -> None:
    reference_data_load()
