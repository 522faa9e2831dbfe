"""Every UI string is translated into every portal language."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from mia.core.languages import CODES

LOCALE = Path(settings.LOCALE_PATHS[0])
# English is the language of the msgids, so it needs no catalogue.
CATALOGUES = [code for code in CODES if code != "en"]


@pytest.mark.parametrize("code", CATALOGUES)
def test_the_catalogue_is_complete(code):
    catalogue = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"{code}: untranslated {missing[:5]}"
    assert not fuzzy, f"{code}: fuzzy {fuzzy[:5]}"
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("code", CATALOGUES)
def test_the_compiled_catalogue_is_used(code):
    with override_settings(LANGUAGE_CODE="de"), translation.override(code):
        assert translation.gettext("Our services") != "Our services"
