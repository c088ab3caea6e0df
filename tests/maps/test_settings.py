"""The map's and the open data's settings come from the environment and fail loudly on a bad value."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def settings_error(**env: str) -> str:
    """Import the settings in a fresh interpreter with `env`; return what it printed on failing ("" if it loaded)."""
    result = subprocess.run(
        [sys.executable, "-c", "import yangcheng_projects.settings"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stderr if result.returncode else ""


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MAP_BASE_LAYER": "google"}, "MAP_BASE_LAYER must be tianditu or none"),
        ({"MAP_BASE_LAYER": "tianditu", "TIANDITU_KEY": ""}, "needs TIANDITU_KEY"),
        ({"OPEN_DATA_EXCLUDE": "contacts,salaries"}, "OPEN_DATA_EXCLUDE may name"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(env, message):
    assert message in settings_error(**env)


def test_good_values_load():
    assert (
        settings_error(MAP_BASE_LAYER="tianditu", TIANDITU_KEY="k", OPEN_DATA_EXCLUDE="contacts,remarks,locations")
        == ""
    )


@pytest.mark.django_db
def test_the_tianditu_base_layer_and_its_key_reach_the_map(client, leader, settings):
    settings.MAP_BASE_LAYER = "tianditu"
    settings.TIANDITU_KEY = "browser-key"
    client.force_login(leader)
    config = client.get("/map/").context["config"]
    assert (config["base_layer"], config["tianditu_key"]) == ("tianditu", "browser-key")
    settings.MAP_BASE_LAYER = "none"
    assert client.get("/map/").context["config"]["tianditu_key"] == ""
