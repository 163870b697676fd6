"""The built SPA (`frontend/dist`) served at `/`: its files, and `index.html` for the paths of
its history-mode routes, with the caching each kind of file needs."""

from pathlib import PurePosixPath

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Vite names every file under assets/ by a hash of its content: a new build gets new names.
IMMUTABLE = "public, max-age=31536000, immutable"
# index.html names the current assets: browsers must check it on every visit.
REVALIDATE = "no-cache"


class SpaFiles(StaticFiles):
    """Static files, falling back to `index.html` for a path without a file extension (a route
    of the SPA, such as `/comites/<id>`); a missing asset stays a 404."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404 or not _is_route(path):
                raise
            response = await super().get_response("index.html", scope)
        asset = PurePosixPath(path).parts[:1] == ("assets",) and response.status_code in (200, 304)
        response.headers["Cache-Control"] = IMMUTABLE if asset else REVALIDATE
        return response


def _is_route(path: str) -> bool:
    """A route of the SPA: `/`, or a path outside assets/ whose last segment has no extension."""
    parts = [part for part in PurePosixPath(path).parts if part != "."]
    return not parts or (parts[0] != "assets" and "." not in parts[-1])


class SpaMount(Mount):
    """The SPA at `/`, except under the API's and the docs' prefixes: there a wrong method must
    stay a 405, and an unknown path a 404 problem, never the SPA's page."""

    def __init__(self, directory: str, excluded: tuple[str, ...]) -> None:
        super().__init__("/", app=SpaFiles(directory=directory))
        self.excluded = excluded

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http":
            path: str = scope["path"]
            if any(path == prefix or path.startswith(prefix + "/") for prefix in self.excluded):
                return Match.NONE, {}
        return super().matches(scope)
