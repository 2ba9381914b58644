"""Health, readiness and metrics for operators and load balancers."""

import hmac

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from overseas.core.config import get_settings
from overseas.core.db import get_engine
from overseas.core.errors import NotAuthenticated, NotFound, problem_response, problem_responses
from overseas.system.metrics import render_metrics

router = APIRouter(tags=["system"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    # Async: it touches nothing that blocks, so it needs no hop to the thread pool
    # (bench/RESULTS.md, "Reads side by side").
    return {"status": "ok"}


@router.get("/readyz", responses=problem_responses(503))
def readyz() -> Response:
    """The process can serve: the database answers."""
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return problem_response(
            503, "Service unavailable", "database_unavailable", "the database does not answer"
        )
    return Response('{"status":"ready"}', media_type="application/json")


@router.get("/metrics", response_class=Response, responses=problem_responses(401, 404))
def metrics(request: Request) -> Response:
    """Prometheus text exposition; behind OVERSEAS_METRICS_TOKEN when one is set, and off in
    production without one (the figures tell an outsider how the service is used)."""
    settings = get_settings()
    if settings.metrics_token:
        sent = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(sent.encode(), settings.metrics_token.encode()):
            raise NotAuthenticated("/metrics needs the metrics token")
    elif settings.env == "production":
        raise NotFound("no route /metrics")
    return Response(render_metrics(), media_type=CONTENT_TYPE_LATEST)
