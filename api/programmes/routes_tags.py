"""The tag reference list: public reads, network_admin extends it."""

from functools import partial

from fastapi import APIRouter, Request, Response

from api.auth.deps import PublicRouter, login_required
from api.core.pagination import Cursor, Limit
from api.core.problems import InvalidInput, problem_responses
from api.core.responses import CREATE_UNIQUE, location
from api.db import ReaderDep, SessionDep
from api.programmes import service_tags as service
from api.programmes.deps import TagsWriter
from api.programmes.schemas import TagCreate, TagKind, TagPage, TagPublic

public_router = PublicRouter(tags=["work-programmes", "tags"])
router = APIRouter(tags=["work-programmes", "tags"], dependencies=login_required)


@public_router.get(
    "/tags",
    operation_id="tags-list",
    responses=problem_responses(InvalidInput),
    response_model=TagPage,
)
async def list_tags(
    read: ReaderDep, kind: TagKind | None = None, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """HCTS axes, national strategies and themes actions can link to, by code."""
    return await read.page(
        TagPage, partial(service.list_tags, kind=kind, limit=limit, cursor=cursor)
    )


@router.post("/tags", status_code=201, operation_id="tags-create", responses=CREATE_UNIQUE)
def create_tag(
    session: SessionDep, _writer: TagsWriter, body: TagCreate, request: Request, response: Response
) -> TagPublic:
    tag = service.create_tag(session, data=body)
    # Tags have no GET of their own: the new one is in the list of its kind.
    response.headers["Location"] = f"{location(request, 'tags-list')}?kind={tag.kind}"
    return TagPublic.model_validate(tag)
