"""``config/settings.yaml``, validated against ``schemas/settings.schema.yaml``."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import yamlfile
from .inputs.problems import InputProblems, Problem
from .paths import CONFIG, SCHEMAS

SETTINGS_FILE = CONFIG / "settings.yaml"


def load_settings(path: Path = SETTINGS_FILE) -> dict:
    """The settings as a dict; ``InputProblems`` naming each wrong key when they do not validate."""
    settings = read_settings(path)
    check_settings(settings, path)
    return settings


def read_settings(path: Path = SETTINGS_FILE) -> dict:
    """The settings file as a dict, not yet validated (the workflow validates them with the
    inputs, only when they changed); ``InputProblems`` when it is not YAML."""
    try:
        with open(path, encoding="utf-8") as f:
            return yamlfile.safe_load(f)
    except yaml.YAMLError as exc:
        raise InputProblems([Problem(str(path), expected=f"valid YAML ({exc})")]) from None


def check_settings(settings: dict, path: Path = SETTINGS_FILE) -> None:
    """Raise ``InputProblems`` naming each key of ``settings`` that breaks the schema."""
    import jsonschema

    with open(SCHEMAS / "settings.schema.yaml", encoding="utf-8") as f:
        schema = yamlfile.safe_load(f)
    validator = jsonschema.Draft202012Validator(schema)
    problems = [
        Problem(str(path), column=".".join(str(p) for p in err.absolute_path) or "(top)",
                value=str(err.instance)[:60] if not isinstance(err.instance, dict) else "",
                expected=err.message)
        for err in validator.iter_errors(settings)
    ]
    if problems:
        raise InputProblems(problems)
