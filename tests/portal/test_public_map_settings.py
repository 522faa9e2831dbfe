"""MIA_MAP_TILES: the tile server of the directory's map, and the only image host the CSP
allows besides MiA itself."""

import os
import subprocess
import sys

import pytest

PRINT = (
    "from mia import settings as s; "
    "print(repr(s.MAP_TILES)); print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
)


def settings_with(**variables: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MIA_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", PRINT],
        env=environment | variables,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("value", "tiles", "img_src"),
    [
        (
            None,
            "'https://tile.openstreetmap.org/{z}/{x}/{y}.png'",
            "'https://tile.openstreetmap.org'",
        ),
        ("off", "''", None),
        (
            "https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png",
            "'https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png'",
            "'https://*.tiles.example.org'",
        ),
    ],
)
def test_the_tile_server_and_its_host_in_the_csp(value, tiles, img_src):
    result = settings_with(**({"MIA_MAP_TILES": value} if value else {}))
    assert result.returncode == 0, result.stderr
    printed_tiles, printed_sources = result.stdout.splitlines()
    assert printed_tiles == tiles
    assert printed_sources == "[\"'self'\", 'data:'" + (f", {img_src}]" if img_src else "]")


@pytest.mark.parametrize("value", ["tile.example.org/{z}/{x}/{y}.png", "javascript:alert(1)"])
def test_a_tile_server_that_is_no_web_address_stops_mia(value):
    result = settings_with(MIA_MAP_TILES=value)
    assert result.returncode != 0
    assert "MIA_MAP_TILES" in result.stderr
