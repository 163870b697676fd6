"""What each row of an import becomes, decided from a few reads made at once.

- A person the source does not know yet (no `source`/`external_id` match) is created, with a
  term in the committee: `create`.
- A known person: their fields are compared with the row's (a CSV column left out, or a JSON
  member absent, is kept as it is; an empty cell clears an optional field), and so is their
  latest term in the committee: `update` if anything differs, else `unchanged`. A person with
  no term in the committee yet, or whose latest term ended before the row's start (or, with
  no start given, before today), gets a new term: `create`.
- `mode=replace`: the committee's terms in force today of the people from the
  file's sources who are not in the file end today: `end`. People entered by hand or from
  another source are never ended by a file.
- A row at fault is an `error` with its issues (field, stable code, French message)."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from api.auth.permissions import Permission, Subject
from api.bodies.service import bodies_of
from api.core.text import fold
from api.imports.issues import Issue, issue, issues_of
from api.imports.parse import Parsed
from api.imports.schemas import ImportAction, ImportMode, ImportRow
from api.memberships.service_many import NewTerm, Term, committees_of, terms_in
from api.people.schemas import PersonCreate
from api.people.service import sort_key
from api.people.service_sync import SyncedPerson, find_by_external_ids, sources_of

PROGRESS_EVERY = 250


@dataclass
class PlanLine:
    line: int | None
    action: ImportAction
    source: str | None
    external_id: str | None
    person_id: uuid.UUID | None = None
    membership_id: uuid.UUID | None = None
    fields: list[str] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)


@dataclass
class Plan:
    lines: list[PlanLine] = field(default_factory=list)
    new_people: list[tuple[uuid.UUID, PersonCreate]] = field(default_factory=list)
    changed_people: list[tuple[uuid.UUID, dict[str, Any]]] = field(default_factory=list)
    new_terms: list[NewTerm] = field(default_factory=list)
    changed_terms: list[tuple[uuid.UUID, dict[str, Any]]] = field(default_factory=list)
    ended_terms: list[uuid.UUID] = field(default_factory=list)


# Left out of a row when empty: required (a "missing" issue follows) or with a default.
_DROP_WHEN_EMPTY = frozenset({"external_id", "first_name", "last_name", "category", "role"})


@dataclass
class _Valid:
    line: int
    row: ImportRow
    source: str


def make_plan(
    session: Session,
    *,
    committee_id: uuid.UUID,
    parsed: Parsed,
    mode: ImportMode,
    default_source: str | None,
    subject: Subject,
    day: date,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    plan = Plan()
    valid: list[_Valid | PlanLine] = []
    seen: dict[tuple[str, str], int] = {}
    for n, (line, raw) in enumerate(parsed.rows, start=1):
        checked = _validate(line, raw, default_source)
        if isinstance(checked, _Valid):
            key = (checked.source, checked.row.external_id)
            if key in seen:
                checked = _error(
                    checked,
                    issue(None, "duplicate_row", f"Cette personne figure déjà ligne {seen[key]}."),
                )
            else:
                seen[key] = line
        valid.append(checked)
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
    context = _Context.read(session, committee_id=committee_id, keys=seen, subject=subject)
    for checked in valid:
        if isinstance(checked, PlanLine):
            plan.lines.append(checked)
        else:
            _plan_row(plan, context, checked, committee_id=committee_id, day=day)
    if mode is ImportMode.replace:
        _end_absentees(session, plan, context, sources={s for s, _ in seen}, day=day)
    if progress is not None:
        progress(len(parsed.rows) % PROGRESS_EVERY)
    return plan


def _validate(line: int, raw: Any, default_source: str | None) -> _Valid | PlanLine:
    if isinstance(raw, list):
        return PlanLine(line, ImportAction.error, None, None, errors=[_TOO_MANY_CELLS])
    if not isinstance(raw, dict):
        return PlanLine(line, ImportAction.error, None, None, errors=[_NOT_AN_OBJECT])
    values = {k: v for k, v in raw.items() if v is not None or k not in _DROP_WHEN_EMPTY}
    external_id = raw.get("external_id") if isinstance(raw.get("external_id"), str) else None
    source = raw.get("source") if isinstance(raw.get("source"), str) else default_source
    try:
        row = ImportRow.model_validate(values)
    except ValidationError as error:
        return PlanLine(line, ImportAction.error, source, external_id, errors=issues_of(error))
    source = row.source or default_source
    if source is None:
        missing = issue("source", "missing", "Source manquante (colonne ou paramètre source).")
        return PlanLine(line, ImportAction.error, None, row.external_id, errors=[missing])
    return _Valid(line, row, source)


_TOO_MANY_CELLS = issue(None, "too_many_cells", "La ligne a plus de cellules que d'en-têtes.")
_NOT_AN_OBJECT = issue(None, "not_an_object", "Chaque ligne est un objet JSON.")


def _error(valid: _Valid, *errors: Issue) -> PlanLine:
    return PlanLine(
        valid.line, ImportAction.error, valid.source, valid.row.external_id, errors=list(errors)
    )


@dataclass
class _Context:
    """What the plan reads, at once: the file's known people, the committee's terms (the
    latest of each person) and bodies, where the people with no term here sit."""

    people: dict[tuple[str, str], SyncedPerson]
    terms: list[Term]
    latest: dict[uuid.UUID, Term]
    bodies: dict[str, uuid.UUID | None]
    elsewhere: dict[uuid.UUID, set[uuid.UUID]]
    may_enrol: Callable[[set[uuid.UUID]], bool]

    @classmethod
    def read(
        cls,
        session: Session,
        *,
        committee_id: uuid.UUID,
        keys: dict[tuple[str, str], int],
        subject: Subject,
    ) -> "_Context":
        by_source: dict[str, list[str]] = {}
        for source, external_id in keys:
            by_source.setdefault(source, []).append(external_id)
        people = {
            (p.source, p.external_id): p
            for source, ids in by_source.items()
            for p in find_by_external_ids(session, source=source, external_ids=ids)
        }
        terms = terms_in(session, committee_id=committee_id)
        latest: dict[uuid.UUID, Term] = {}
        for term in terms:
            held = latest.get(term.person_id)
            if held is None or (term.start_on, str(term.id)) > (held.start_on, str(held.id)):
                latest[term.person_id] = term
        elsewhere: dict[uuid.UUID, set[uuid.UUID]] = {}
        if not subject.is_network_admin:
            newcomers = {p.id for p in people.values()} - latest.keys()
            elsewhere = committees_of(session, person_ids=newcomers)
        readable = subject.committees_where(Permission.people_read)
        return cls(
            people=people,
            terms=terms,
            latest=latest,
            bodies=_bodies(session, committee_id),
            elsewhere=elsewhere,
            may_enrol=lambda theirs: not theirs or bool(theirs & readable),
        )


def _bodies(session: Session, committee_id: uuid.UUID) -> dict[str, uuid.UUID | None]:
    """Each body by its folded name, and by its kind when no other body has it (None when a
    kind names several: the row must give the name)."""
    found: dict[str, uuid.UUID | None] = {}
    rows = bodies_of(session, committee_id=committee_id)
    for id, kind, _ in rows:
        found[kind] = None if kind in found else id
    for id, _, name in rows:
        found[fold(name)] = id
    return found


def _plan_row(
    plan: Plan, context: _Context, valid: _Valid, *, committee_id: uuid.UUID, day: date
) -> None:
    row, given = valid.row, valid.row.model_fields_set
    body_id: uuid.UUID | None = None
    if row.body is not None:
        body_id = context.bodies.get(fold(row.body))
        if body_id is None:
            message = f"Aucune instance « {row.body} » dans ce comité (nom ou type)."
            plan.lines.append(_error(valid, issue("body", "unknown_body", message)))
            return
    if row.start_on and row.end_on and row.end_on < row.start_on:
        message = "La date de fin précède la date de début."
        plan.lines.append(_error(valid, issue("end_on", "end_before_start", message)))
        return
    person = context.people.get((valid.source, row.external_id))
    wanted = _person_fields(row)
    if person is None:
        _plan_newcomer(plan, valid, wanted, committee_id=committee_id, body_id=body_id, day=day)
        return
    term = context.latest.get(person.id)
    if term is None and not context.may_enrol(context.elsewhere.get(person.id, set())):
        message = "Cet identifiant désigne une personne suivie par un autre comité."
        plan.lines.append(_error(valid, issue("external_id", "person_elsewhere", message)))
        return
    person_changes = {k: v for k, v in wanted.items() if getattr(person, k) != v}
    line = PlanLine(valid.line, ImportAction.unchanged, valid.source, row.external_id, person.id)
    term_changes: dict[str, Any] = {}
    role = row.role.value if "role" in given else (term.role if term else "member")
    ended = term is not None and term.end_on is not None and term.end_on < day
    same_end = term is not None and "end_on" in given and row.end_on == term.end_on
    start = row.start_on or (term.start_on if term and (not ended or same_end) else day)
    end_on = row.end_on if "end_on" in given else None
    if term is None or (term.end_on is not None and start > term.end_on):
        if end_on is not None and end_on < start:
            message = f"La date de fin précède le début du mandat ({start.isoformat()})."
            plan.lines.append(_error(valid, issue("end_on", "end_before_start", message)))
            return
        names = {**wanted, **person_changes}
        key = sort_key(names["first_name"], names["last_name"])
        new = NewTerm(uuid.uuid4(), committee_id, person.id, key, body_id, role, start, end_on)
        plan.new_terms.append(new)
        line.action, line.membership_id = ImportAction.create, new.id
    else:
        wanted_term: dict[str, Any] = {"role": role, "start_on": start}
        if "body" in given:
            wanted_term["body_id"] = body_id
        if "end_on" in given:
            wanted_term["end_on"] = row.end_on
        term_changes = {k: v for k, v in wanted_term.items() if getattr(term, k) != v}
        final_end = wanted_term.get("end_on", term.end_on)
        if final_end is not None and final_end < start:
            message = f"La date de fin précède le début du mandat ({start.isoformat()})."
            plan.lines.append(_error(valid, issue("end_on", "end_before_start", message)))
            return
        line.membership_id = term.id
        if term_changes:
            plan.changed_terms.append((term.id, term_changes))
    if person_changes:
        plan.changed_people.append((person.id, person_changes))
    if line.action is ImportAction.unchanged and (person_changes or term_changes):
        line.action = ImportAction.update
    line.fields = sorted({*person_changes, *term_changes})
    plan.lines.append(line)


def _person_fields(row: ImportRow) -> dict[str, Any]:
    """The person's fields the row says, as stored (a column left out is not said)."""
    wanted: dict[str, Any] = {
        "first_name": row.first_name,
        "last_name": row.last_name,
        "category": row.category.value,
    }
    if "email" in row.model_fields_set:
        wanted["email"] = str(row.email).lower() if row.email else None
    if "phone" in row.model_fields_set:
        wanted["phone"] = row.phone
    return wanted


def _plan_newcomer(
    plan: Plan,
    valid: _Valid,
    wanted: dict[str, Any],
    *,
    committee_id: uuid.UUID,
    body_id: uuid.UUID | None,
    day: date,
) -> None:
    row = valid.row
    person_id = uuid.uuid4()
    # Checked already, as ImportRow: constructed, not validated again.
    create = PersonCreate.model_construct(
        first_name=row.first_name,
        last_name=row.last_name,
        email=row.email,
        phone=row.phone,
        category=row.category,
        external_id=row.external_id,
        source=valid.source,
    )
    start = row.start_on or day
    if row.end_on is not None and row.end_on < start:
        message = f"La date de fin précède le début du mandat ({start.isoformat()})."
        plan.lines.append(_error(valid, issue("end_on", "end_before_start", message)))
        return
    plan.new_people.append((person_id, create))
    key = sort_key(row.first_name, row.last_name)
    new = NewTerm(
        uuid.uuid4(), committee_id, person_id, key, body_id, row.role.value, start, row.end_on
    )
    plan.new_terms.append(new)
    line = PlanLine(valid.line, ImportAction.create, valid.source, row.external_id)
    line.person_id, line.membership_id = person_id, new.id
    line.fields = sorted(wanted)
    plan.lines.append(line)


def _end_absentees(
    session: Session, plan: Plan, context: _Context, *, sources: set[str], day: date
) -> None:
    """Replace mode: the terms in force today of the sources' people absent from the file end
    today. A term still to come is left: no end before its start can say it was cancelled."""
    present = {line.person_id for line in plan.lines if line.person_id is not None}
    present |= {p.id for p in context.people.values()}
    open_terms = [
        t
        for t in context.terms
        if t.person_id not in present and t.start_on <= day and (t.end_on is None or t.end_on > day)
    ]
    keys = sources_of(session, person_ids={t.person_id for t in open_terms})
    for term in open_terms:
        source, external_id = keys.get(term.person_id, (None, None))
        if source is not None and source in sources:
            plan.ended_terms.append(term.id)
            end = PlanLine(None, ImportAction.end, source, external_id, term.person_id, term.id)
            end.fields = ["end_on"]
            plan.lines.append(end)
