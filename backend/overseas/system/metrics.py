"""Prometheus metrics: requests by route template, status and duration.

With several server processes set PROMETHEUS_MULTIPROC_DIR and every process writes there;
/metrics then adds them up (prometheus_client multiprocess mode)."""

import os
import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

REQUESTS = Counter(
    "overseas_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
DURATION = Histogram(
    "overseas_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def render_metrics() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return bytes(generate_latest(registry))
    return bytes(generate_latest())


async def metrics_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    start = time.perf_counter()
    response = await call_next(request)
    route = request.scope.get("route")
    # The route template, never the raw path: ids would make unbounded label sets.
    template = getattr(route, "path", None) or "unmatched"
    REQUESTS.labels(request.method, template, str(response.status_code)).inc()
    DURATION.labels(request.method, template).observe(time.perf_counter() - start)
    return response
