"""One name for each code: the Vietnamese labels the backend prints (progress, reports) are
the web app's (frontend/src/i18n/vi.ts);
the labelled export writes them and the import reads them back."""

import re
from pathlib import Path

import pytest

from overseas.placements.labels import LABELS_VI

VI = Path(__file__).resolve().parents[1] / "frontend" / "src" / "i18n" / "vi.ts"
# The backend's breakdown name -> the web app's dictionary prefix.
PREFIXES = {
    "channel": "channel",
    "sex": "sex",
    "policy_group": "policyGroup",
    "status": "status",
    "programme": "programme",
    "flag": "flag",
}


def _web_app_labels() -> dict[str, str]:
    entry = re.compile(r"^\s*'([\w.]+)':\s*'((?:[^'\\]|\\.)*)',?\s*$", re.MULTILINE)
    return dict(entry.findall(VI.read_text(encoding="utf-8")))


@pytest.mark.parametrize("breakdown", sorted(LABELS_VI))
def test_backend_labels_are_the_web_apps(breakdown: str) -> None:
    web = _web_app_labels()
    prefix = PREFIXES[breakdown]
    ours = LABELS_VI[breakdown]
    theirs = {k.removeprefix(f"{prefix}."): v for k, v in web.items() if k.startswith(f"{prefix}.")}
    assert ours == theirs
