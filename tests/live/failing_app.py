"""The application with one more route that fails, for the keep-alive test of a 500: served
by uvicorn as `tests.live.failing_app:create_app` (a factory, like `overseas serve`)."""

from fastapi import FastAPI

from overseas.main import create_app as create_overseas_app

FAILING_PATH = "/test-only/fail"


class DeliberateError(RuntimeError):
    """Raised by the failing route; the server answers 500 and logs it."""


def create_app() -> FastAPI:
    app = create_overseas_app()

    @app.get(FAILING_PATH)
    def fail() -> None:
        raise DeliberateError("this route always fails")

    return app
