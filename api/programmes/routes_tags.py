"""The tag reference list: public reads, network_admin extends it."""

from fastapi import APIRouter, Response, status

from api.auth.deps import login_required
from api.core.pagination import Cursor, Limit
from api.core.problems import Conflict, Forbidden, InvalidInput, Unauthorized, problem_responses
from api.db import SessionDep
from api.programmes import service_tags as service
from api.programmes.deps import TagsWriter
from api.programmes.schemas import TagCreate, TagKind, TagPage, TagPublic

public_router = APIRouter(tags=["work-programmes", "tags"])
router = APIRouter(tags=["work-programmes", "tags"], dependencies=login_required)


@public_router.get(
    "/tags",
    response_model=TagPage,
    operation_id="tags-list",
    responses=problem_responses(InvalidInput),
)
def list_tags(
    session: SessionDep, kind: TagKind | None = None, limit: Limit = 50, cursor: Cursor = None
) -> TagPage:
    """HCTS axes, national strategies and themes actions can link to, by code."""
    items, next_cursor = service.list_tags(session, kind=kind, limit=limit, cursor=cursor)
    return TagPage(items=[TagPublic.model_validate(t) for t in items], next_cursor=next_cursor)


@router.post(
    "/tags",
    response_model=TagPublic,
    status_code=status.HTTP_201_CREATED,
    operation_id="tags-create",
    responses=problem_responses(Unauthorized, Forbidden, Conflict, InvalidInput),
)
def create_tag(
    session: SessionDep, _writer: TagsWriter, body: TagCreate, response: Response
) -> TagPublic:
    tag = service.create_tag(session, data=body)
    response.headers["Location"] = f"/api/v1/tags?kind={tag.kind}"
    return TagPublic.model_validate(tag)
