"""The network's reference list of tags: HCTS axes, national strategies, themes."""

from sqlmodel import Session, col, select

from api.core.pagination import paginate
from api.core.problems import Conflict
from api.core.queries import where_given
from api.core.writes import store
from api.programmes.models import Tag
from api.programmes.schemas import TagCreate, TagKind

# (kind, code, label): the four axes of the HCTS 2020–2021 work programme and the national
# strategies committees link their actions to (seeds 000, 001). The demo and the loader
# call `ensure_reference_tags`.
REFERENCE_TAGS: tuple[tuple[str, str, str], ...] = (
    ("hcts_axis", "hcts-2020-intervenants-travailleurs-sociaux",
     "HCTS 2020–2021 — Rapports entre intervenants sociaux et travailleurs sociaux"),
    ("hcts_axis", "hcts-2020-pratiques-emergentes",
     "HCTS 2020–2021 — Pratiques professionnelles émergentes et conditions de leur "
     "développement"),
    ("hcts_axis", "hcts-2020-pratiques-reflexives",
     "HCTS 2020–2021 — Développement des pratiques réflexives des travailleurs sociaux"),
    ("hcts_axis", "hcts-2020-partage-informations",
     "HCTS 2020–2021 — Éthique et déontologie : partage d'informations"),
    ("national_strategy", "strategie-pauvrete",
     "Stratégie nationale de prévention et de lutte contre la pauvreté"),
    ("national_strategy", "strategie-pauvrete-gt12-acces-droits",
     "Stratégie pauvreté — GT n°12 « Accès aux droits »"),
    ("national_strategy", "strategie-pauvrete-gt13-formation",
     "Stratégie pauvreté — GT n°13 « Formation et travail social »"),
    ("national_strategy", "strategie-pauvrete-gt14-participation",
     "Stratégie pauvreté — GT n°14 « Participation »"),
    ("national_strategy", "strategie-protection-enfance",
     "Stratégie nationale de prévention et de protection de l'enfance"),
)  # fmt: skip


class TagCodeTaken(Conflict):
    def __init__(self, code: str) -> None:
        super().__init__(f"A tag with code {code!r} already exists.")


def list_tags(
    session: Session, *, kind: TagKind | None, limit: int, cursor: str | None
) -> tuple[list[Tag], str | None]:
    stmt = select(Tag)
    stmt = where_given(stmt, (Tag.kind, kind))
    return paginate(session, stmt, keys=[col(Tag.code), col(Tag.id)], limit=limit, cursor=cursor)


def create_tag(session: Session, *, data: TagCreate) -> Tag:
    if session.exec(select(Tag.id).where(Tag.code == data.code)).first() is not None:
        raise TagCodeTaken(data.code)
    tag = Tag(kind=data.kind.value, code=data.code, label=data.label)
    store(session, tag)
    return tag


def ensure_reference_tags(session: Session) -> list[Tag]:
    """Insert the reference tags that are missing (by code); safe to call again."""
    present = set(session.exec(select(Tag.code)).all())
    added = [
        Tag(kind=kind, code=code, label=label)
        for kind, code, label in REFERENCE_TAGS
        if code not in present
    ]
    session.add_all(added)
    session.flush()
    return added
