"""A committee's members imported from a source system: the plan, row by row, then (unless a
dry run) its writes, all or nothing.

A row names a person by (`source`, `external_id`) and their current term in the committee.
Everything the plan needs is read at once (the people of the file, the committee's terms and
bodies, where the people known elsewhere sit), never a query per row; the writes go through
the people and memberships services' batch functions, which emit the events of the single
writes. See `plan.py` for what each row becomes."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from api.auth.permissions import Subject
from api.core.clock import today
from api.core.problems import InvalidInput
from api.imports.parse import Parsed, parse
from api.imports.plan import Plan, PlanLine, make_plan
from api.imports.schemas import (
    ImportAction,
    ImportCounts,
    ImportLine,
    ImportMode,
    ImportReport,
)
from api.memberships.service_many import add_terms, change_terms, end_terms
from api.outbox import service as outbox
from api.people.service_sync import change_people, create_people

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ImportOptions:
    mode: ImportMode = ImportMode.merge
    dry_run: bool = False
    source: str | None = None  # the rows' source when they name none


class ImportRejected(InvalidInput):
    """A row is at fault: nothing was written. `errors` lists each row's faults."""

    def __init__(self, lines: list[PlanLine], *, json: bool) -> None:
        faulty = [line for line in lines if line.action is ImportAction.error]
        numbers = ", ".join(str(line.line) for line in faulty[:20])
        more = f" and {len(faulty) - 20} more" if len(faulty) > 20 else ""
        super().__init__(
            f"{len(faulty)} rows are at fault (lines {numbers}{more}): nothing was imported. "
            "A dry run (dry_run=true) shows the whole plan.",
            field=[],
        )
        self.errors: list[dict[str, Any]] = [
            {
                "loc": ["body", line.line or 0, issue.field or ""],
                "msg": issue.message,
                "type": issue.code,
                # JSON rows: where in the body; a CSV file's line is in `loc`.
                "pointer": (
                    f"/rows/{(line.line or 1) - 1}" + (f"/{issue.field}" if issue.field else "")
                    if json
                    else None
                ),
            }
            for line in faulty
            for issue in line.errors
        ]


def run_import(
    session: Session,
    *,
    committee_id: uuid.UUID,
    body: bytes,
    content_type: str,
    options: ImportOptions,
    subject: Subject,
    progress: Progress | None = None,
) -> ImportReport:
    """Read the body, plan each row and, unless a dry run, write the plan: all of it, or
    nothing when a row is at fault (`ImportRejected`, a 422 listing them)."""
    parsed = parse(body, content_type=content_type)
    day = today()
    plan = make_plan(
        session,
        committee_id=committee_id,
        parsed=parsed,
        mode=options.mode,
        default_source=options.source,
        subject=subject,
        day=day,
        progress=progress,
    )
    applied = False
    if not options.dry_run:
        if any(line.action is ImportAction.error for line in plan.lines):
            raise ImportRejected(plan.lines, json=parsed.format == "json")
        write(session, plan, day=day)
        applied = True
    return report(parsed, plan, options, applied=applied)


def write(session: Session, plan: Plan, *, day: date) -> None:
    """The plan's writes, in the order their rows refer to each other: people, then terms;
    their events together at the end."""
    with outbox.batch(session):
        create_people(session, people=plan.new_people)
        change_people(session, changes=plan.changed_people)
        add_terms(session, terms=plan.new_terms)
        change_terms(session, changes=plan.changed_terms)
        end_terms(session, term_ids=plan.ended_terms, end_on=day)


def report(parsed: Parsed, plan: Plan, options: ImportOptions, *, applied: bool) -> ImportReport:
    counts = dict.fromkeys(ImportAction, 0)
    for line in plan.lines:
        counts[line.action] += 1
    return ImportReport(
        format=parsed.format,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        mode=options.mode,
        dry_run=options.dry_run,
        applied=applied,
        counts=ImportCounts(**{action.value: n for action, n in counts.items()}),
        # The plan's values are checked already: constructed, not validated again.
        rows=[
            ImportLine.model_construct(
                line=line.line,
                action=line.action,
                source=line.source,
                external_id=line.external_id,
                person_id=line.person_id,
                membership_id=line.membership_id,
                fields=line.fields,
                errors=line.errors,
            )
            for line in plan.lines
        ],
    )
