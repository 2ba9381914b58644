"""ETag and If-Match: a client that edits what it last read gets 412 if someone else was faster."""

from typing import Annotated

from fastapi import Header, Response

from overseas.core.errors import PreconditionFailed
from overseas.core.models import etag

IfMatchDep = Annotated[
    str | None,
    Header(alias="If-Match", description="The ETag last read; a mismatch answers 412"),
]


def check_if_match(if_match: str | None, version: int) -> None:
    """No header: the edit applies. A header naming another version: 412, nothing changes."""
    if if_match is None:
        return
    tags = {t.strip().removeprefix("W/") for t in if_match.split(",") if t.strip()}
    if "*" in tags or etag(version) in tags:
        return
    raise PreconditionFailed(
        f"the resource is at version {version}; reload it and apply the change again",
        code="precondition_failed",
    )


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def created_headers(location: str, version: int) -> dict[str, str]:
    """The headers of a 201: where the new resource is, and its ETag for the next edit."""
    return {"Location": location, "ETag": etag(version)}
