"""Health, readiness and metrics for operators and load balancers."""

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from overseas.core.db import get_engine
from overseas.core.errors import problem_response, problem_responses
from overseas.system.metrics import render_metrics

router = APIRouter(tags=["system"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
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


@router.get("/metrics", response_class=Response)
def metrics() -> Response:
    """Prometheus text exposition."""
    return Response(render_metrics(), media_type=CONTENT_TYPE_LATEST)
