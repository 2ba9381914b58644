"""The OpenAPI document, written with sorted keys so that diffs are readable."""

import json
from pathlib import Path
from typing import Any

from overseas.main import create_app


def render_openapi() -> str:
    spec: dict[str, Any] = create_app().openapi()
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_openapi(path: str | Path) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_openapi(), encoding="utf-8")
