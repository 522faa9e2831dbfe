"""The run command collects static files into hashed names; every reference inside CSS and
JavaScript (fonts, images, source maps) must resolve, or the server never starts."""

from django.core.management import call_command
from django.test import override_settings

from mia.settings import STORAGES


def test_static_files_collect_with_hashed_names(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=STORAGES):
        call_command("collectstatic", "--noinput", verbosity=0)
    assert list(tmp_path.glob("vendor/leaflet/leaflet.*.js"))
    assert (tmp_path / "staticfiles.json").exists()
