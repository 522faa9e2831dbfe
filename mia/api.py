"""The JSON API at /api/v1/: one Ninja instance, one error format `{"detail", "code"}`."""

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mia.accounts.api import router as accounts_router
from mia.appointments.api import router as appointments_router
from mia.clients.api import router as clients_router
from mia.core.api import router as core_router
from mia.core.errors import ApplicationError
from mia.organisation.api import router as organisation_router
from mia.portal.api import router as portal_router
from mia.reception.api import router as reception_router

api = NinjaAPI(
    title="MiA API",
    version="1",
    description="Services, locations and (in later versions) visits, bookings and portal "
    "content of the Migrationsagentur. Errors are JSON `{detail, code}` with a 4xx status.",
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
api.add_router("/", organisation_router)
api.add_router("/", accounts_router)
api.add_router("/", reception_router)
api.add_router("/", appointments_router)
api.add_router("/", core_router)
api.add_router("/", portal_router)
api.add_router("/", clients_router)


def _error(
    request: HttpRequest, status: int, detail: str, code: str, **extra: object
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code, **extra}, status=status)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return _error(request, exc.status, exc.detail, exc.code)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(part) for part in error.get("loc", [])], "msg": error.get("msg", "")}
        for error in exc.errors
    ]
    return _error(request, 422, "The request is not valid.", "validation_error", errors=errors)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Authentication required.", "not_authenticated")


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "You may not do this.", "permission_denied")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "Not found.", "not_found")


@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    return _error(request, 422, "A number or date is out of range.", "out_of_range")


@api.exception_handler(DataError)
def data_out_of_range(request: HttpRequest, exc: DataError) -> HttpResponse:
    return _error(request, 422, "A number or date is out of range.", "out_of_range")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = "bad_request" if exc.status_code == 400 else f"http_{exc.status_code}"
    return _error(request, exc.status_code, str(exc), code)
