"""The application: routers, error handlers, metrics and the built SPA."""

import gc
import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm.exc import StaleDataError

from overseas import __version__
from overseas.agencies import router as agencies
from overseas.areas import router as areas
from overseas.audit import router as audit
from overseas.auth import router as auth
from overseas.complaints import router as complaints
from overseas.core import logs
from overseas.core.config import get_settings
from overseas.core.errors import NotFound, install_error_handlers, problem_response
from overseas.core.guard import RequestGuard
from overseas.core.headers import SecurityHeaders
from overseas.inspections import router as inspections
from overseas.law import router as law
from overseas.markets import router as markets
from overseas.notices import router as notices
from overseas.obligations import router as obligations
from overseas.openapi import install_openapi
from overseas.placements import public as placements_public
from overseas.placements import router as placements
from overseas.reports import router as reports
from overseas.system import router as system
from overseas.system.idempotency import IdempotentReplay, replay_response
from overseas.system.metrics import MetricsMiddleware
from overseas.targets import router as targets
from overseas.users import router as users

DESCRIPTION = """The provincial register of workers going abroad under contract (Law 69/2020/QH14):
targets, placements, inspections of recruitment enterprises and market information.

Authenticate with `POST /api/v1/auth/token` (password or client-credentials grant) and send
`Authorization: Bearer <token>`. Errors are `application/problem+json` with a stable `code`."""


def operation_id(route: APIRoute) -> str:
    """Stable operation ids `{tag}-{name}`, so the generated client has readable names."""
    tag = route.tags[0] if route.tags else "app"
    return f"{tag}-{route.name}"


def _mount_spa(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    if not index.is_file():
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> FileResponse:
        # API paths never fall through to the SPA: an unknown one is a problem+json 404.
        if path == "api" or path.startswith("api/"):
            raise NotFound(f"no route /{path}")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


DOCS_HTML = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Overseas Work Registry - API</title>
    <link rel="stylesheet" href="/api-docs/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api-docs/swagger-ui-bundle.js"></script>
    <script src="/api-docs/init.js"></script>
  </body>
</html>
"""


def _mount_api_docs(app: FastAPI, dist: Path) -> None:
    """Swagger UI at /docs from files the web app's build copies in (frontend/dist/api-docs):
    nothing is fetched from another site, so it works on a network without internet and
    under the strict Content Security Policy. Off with OVERSEAS_API_DOCS=false."""
    assets = dist / "api-docs"
    if not (assets / "swagger-ui-bundle.js").is_file():
        logging.getLogger("overseas").info("API documentation assets not built: /docs is off")
        return
    app.mount("/api-docs", StaticFiles(directory=assets), name="api-docs")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_HTML)


def create_app() -> FastAPI:
    settings = get_settings()
    logging.getLogger("overseas").setLevel(settings.log_level.upper())
    logs.install()
    app = FastAPI(
        title="Overseas Work Registry",
        version=__version__,
        description=DESCRIPTION,
        generate_unique_id_function=operation_id,
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)
    install_openapi(app)

    @app.exception_handler(IdempotentReplay)
    async def _replay(_request: Request, exc: IdempotentReplay) -> JSONResponse:
        return replay_response(exc.stored)

    @app.exception_handler(StaleDataError)
    async def _stale(_request: Request, _exc: StaleDataError) -> JSONResponse:
        return problem_response(
            412,
            "Precondition failed",
            "precondition_failed",
            "the resource was changed by another request at the same time; reload it",
        )

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Location", "Idempotent-Replayed", "Retry-After"],
        )
    # Outermost last: the guard sees every request first and every failure last.
    app.add_middleware(SecurityHeaders)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)
    modules = (
        system,
        auth,
        areas,
        law,
        markets,
        agencies,
        placements,
        targets,
        inspections,
        complaints,
        reports,
        obligations,
        notices,
        audit,
    )
    for module in modules:
        app.include_router(module.router)
    app.include_router(users.users_router)
    app.include_router(users.clients_router)
    app.include_router(placements.workers_router)
    app.include_router(agencies.public_router)
    app.include_router(obligations.agency_router)
    app.include_router(markets.public_router)
    app.include_router(targets.public_router)
    app.include_router(placements_public.public_router)
    app.include_router(notices.public_router)
    if settings.api_docs:
        _mount_api_docs(app, settings.frontend_dist)
    _mount_spa(app, settings.frontend_dist)
    return app


def serving_app() -> FastAPI:
    """The application as `overseas serve` runs it (tests build theirs with `create_app`).

    What exists once it is built (modules, routes, schemas: some 190,000 objects that live as
    long as the process) is frozen out of the garbage collector's reach. A large request, such
    as a 1,000-row batch, makes tens of thousands of objects and sets off full collections;
    without the freeze each of them walks the whole process again, a fifth of the batch's
    time in Python (bench/RESULTS.md, "Batch ingest")."""
    app = create_app()
    gc.collect()
    gc.freeze()
    return app
