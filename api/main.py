"""The ASGI app: routers, middleware, error handlers and the static SPA."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

import api.tables  # noqa: F401  (every table, so foreign keys across domains resolve)
from api import __doc__ as summary
from api.auth import api as auth
from api.auth.deps import PublicRouter
from api.bodies import api as bodies
from api.changes import api as changes
from api.clients import api as clients
from api.committees import api as committees
from api.config import Settings, get_settings, settings_error
from api.contributions import api as contributions
from api.core.docs import install_docs
from api.core.openapi import install_openapi
from api.core.problems import (
    ServiceUnavailable,
    install_problem_handlers,
    problem_response,
    problem_responses,
)
from api.core.requests import (
    REQUEST_ID_HEADER,
    RequestContext,
    SecuredCORS,
    install_access_log_hygiene,
    install_request_id_in_logs,
)
from api.core.routers import KNOWN_QUERY_ONLY, RouteIndex, include_flat
from api.core.schemas import Output
from api.core.spa import SpaMount
from api.db import ReaderDep, is_unavailable, readiness
from api.demo.marker import UnsafeStart, refuse_demo_data
from api.hcts import api as hcts
from api.imports import api as imports
from api.inbox import api as inbox
from api.meetings import api as meetings
from api.memberships import api as memberships
from api.newsletter import api as newsletter
from api.organisations import api as organisations
from api.people import api as people
from api.programmes import api as programmes
from api.scim import api as scim
from api.seminars import api as seminars
from api.stats import api as stats
from api.territories import api as territories
from api.users import api as users
from api.webhooks import api as webhooks
from api.working_groups import api as working_groups

API_PREFIX = "/api/v1"


class Health(Output):
    status: str


def _api_router() -> APIRouter:
    # Every operation refuses query parameters it does not declare (a 422).
    api = APIRouter(prefix=API_PREFIX, dependencies=[KNOWN_QUERY_ONLY])
    # Each domain package mounts its own routers (its `api.py`); their order is the OpenAPI order.
    packages = (
        auth, users, clients, territories, committees, organisations, people, bodies, memberships,
        meetings, working_groups, programmes, hcts, contributions, seminars, newsletter, inbox,
        stats, changes, webhooks, imports,
    )  # fmt: skip
    for package in packages:
        api.include_router(package.router)

    meta = PublicRouter(tags=["meta"])

    @meta.get("/health", response_model=Health, operation_id="health-get")
    async def health() -> Health:
        return Health(status="ok")

    # For orchestrators: `live` says the process answers (restart it if not), `ready` that it
    # can serve (send it traffic if so): the database answers, its schema at the latest
    # migration.
    @meta.get("/health/live", response_model=Health, operation_id="health-live")
    async def live() -> Health:
        return Health(status="ok")

    @meta.get(
        "/health/ready",
        response_model=Health,
        operation_id="health-ready",
        responses=problem_responses(ServiceUnavailable),
    )
    async def ready(reader: ReaderDep) -> Health:
        await reader(readiness)
        return Health(status="ok")

    api.include_router(meta)
    return api


async def _stale_write(_request: Request, _exc: Exception) -> JSONResponse:
    # Two writers raced on one row: the version check in the UPDATE refused the second.
    return problem_response(
        412,
        "Precondition failed",
        "The resource changed while this request was writing it; reload it and try again.",
        slug="precondition-failed",
    )


async def _data_error(_request: Request, _exc: Exception) -> JSONResponse:
    # A value the database refuses (a NUL in a query parameter, say): the input's fault.
    return problem_response(
        422, "Invalid input", "A value in the request cannot be stored or searched.",
        slug="validation-error", errors=[],
    )  # fmt: skip


async def _integrity_error(_request: Request, _exc: Exception) -> JSONResponse:
    # A constraint the services did not foresee (a race, usually): a conflict, never a 500.
    return problem_response(
        409, "Conflict", "The change conflicts with existing data.", slug="conflict"
    )


def _spa_dir(settings: Settings) -> Path | None:
    # Built by `make run` (frontend/dist); without a build the API alone is served.
    if (settings.frontend_dist / "index.html").is_file():
        return settings.frontend_dist
    return None


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # The OpenAPI document is also the table of operations (`Location` headers, 405s): built
    # now, not by the first request that needs it.
    app.openapi()
    # What startup built (routes, models, validators, SQLAlchemy's mappers) lives as long as
    # the process: frozen, it is left out of the collector's full passes, which otherwise
    # rescan it all under load (pauses of tens of milliseconds, the p99 of a busy worker).
    gc.collect()
    gc.freeze()
    # A request's objects die by reference counting, but under load the default young-generation
    # threshold (700 allocations) catches the in-flight ones, promotes them, and so triggers a
    # full collection every second or so: a 10-15 ms pause for every request in flight.
    gc.set_threshold(20_000, 20, 20)
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    refuse_demo_data(settings)
    app = FastAPI(
        title="ancrage",
        version="1.0.0",
        summary=(summary or "").strip(),
        description=(
            "The API of the CLTSDS network and its liaison with the HCTS. "
            "Errors are RFC 9457 `application/problem+json`; lists are cursor-paginated."
        ),
        # Kept in production: clients are generated from it, and it is public in the repository.
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # `install_docs`: Swagger UI from the app's own files
        redoc_url=None,
        lifespan=_lifespan,
    )
    install_problem_handlers(app)
    install_openapi(app)
    app.add_exception_handler(StaleDataError, _stale_write)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DataError, _data_error)
    # Inside CORS (added first): a browser can read the problem it answers too.
    app.add_middleware(
        RequestContext,
        trust_request_id=settings.trusted_proxy,
        unavailable=is_unavailable,
        max_body_bytes=settings.max_body_bytes,
        # A département's file of members: 50,000 rows.
        body_limits={f"{API_PREFIX}/committees/*/members/import": 16 * 1024 * 1024},
    )
    install_request_id_in_logs()
    install_access_log_hygiene()
    if settings.cors_origins:
        app.add_middleware(
            SecuredCORS,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "Idempotency-Key"],
            expose_headers=["ETag", "Location", REQUEST_ID_HEADER],
        )
    include_flat(app.router, _api_router())
    # SCIM has its own discovery (/scim/v2/Schemas...), errors and media type: not in OpenAPI.
    include_flat(app.router, scim.router)
    if settings.serves_docs:
        install_docs(app, openapi_url=f"{API_PREFIX}/openapi.json")
    if (spa := _spa_dir(settings)) is not None:
        app.router.routes.append(SpaMount(str(spa), excluded=("/api", "/docs", "/scim")))
    app.router.middleware_stack = RouteIndex(app.router)
    return app


def _app_or_exit() -> FastAPI:
    # Unsafe or invalid settings stop the server with one line, not a traceback.
    try:
        return create_app()
    except ValidationError as error:
        raise SystemExit(f"error: {settings_error(error)}") from None
    except UnsafeStart as error:
        raise SystemExit(f"error: {error}") from None


app = _app_or_exit()
