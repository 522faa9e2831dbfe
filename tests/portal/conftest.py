import pytest

from mia.accounts.models import User


@pytest.fixture
def editor(db):
    return User.objects.create_user("redaktion-test", password="x", role="editor")
