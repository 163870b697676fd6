"""A département's 10,000-row members file imported over HTTP into a new committee of the
bench database: a dry run (10,000 `create` planned, nothing written), the apply, then the
same file applied again (10,000 `unchanged`, nothing written: no row, no event). The file is
what a French spreadsheet saves (Windows-1252, `;`, French headers, DD/MM/YYYY dates), so its
detection is measured too. Targets (issue 17): dry run and apply under 3 s each, re-apply
under 1.5 s. (Named `imports`: `import` is a Python keyword; the part is `--only import`.)"""

import random
import statistics
import time
import uuid
from dataclasses import asdict, dataclass
from typing import Any

import httpx
from sqlalchemy import Engine, func, insert, select

from api.committees.models import Committee, CommitteeTerritory
from api.core.clock import today, utcnow
from api.core.text import fold
from api.memberships.models import Membership
from api.outbox.models import OutboxEvent
from api.people.models import Person

TARGETS = {"dry_run": 3.0, "apply": 3.0, "reapply": 1.5}  # seconds
ROWS = 10_000
HEADER = "Identifiant;Source;Prénom;Nom;Courriel;Catégorie;Rôle;Début;Fin"
CATEGORIES = ("Travailleur social", "Cadre", "Élu", "Personne accompagnée", "Bénévole")
ROLES = ("Membre", "Titulaire", "Suppléant", "Membre actif")


@dataclass
class Run:
    dry_run_s: float
    apply_s: float
    reapply_s: float
    planned: dict[str, int]
    applied: dict[str, int]
    reapplied: dict[str, int]
    rows_written_by_reapply: int
    events_written_by_reapply: int


def members_file(run: str, *, rows: int = ROWS, seed: int = 17) -> bytes:
    rng = random.Random(seed)
    lines = [HEADER]
    for n in range(rows):
        first, last = f"Prénom{n}", f"Nom{rng.randrange(100_000)}"
        day = date_fr(rng)
        lines.append(
            f"{run}-{n:06d};sirh-bench;{first};{last};agent{n}@{run}.example.org;"
            f"{rng.choice(CATEGORIES)};{rng.choice(ROLES)};{day};"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def date_fr(rng: random.Random) -> str:
    return f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(2019, 2025)}"


def new_committee(engine: Engine, run: str) -> uuid.UUID:
    committee_id, now = uuid.uuid4(), utcnow()
    name = f"Comité local du travail social (import {run})"
    with engine.begin() as connection:
        connection.execute(
            insert(Committee),
            {
                "id": committee_id, "name": name, "short_name": None, "search_key": fold(name),
                "scale": "departmental", "parent_id": None, "description": None,
                "contact_email": None, "is_public": False, "carrying_organisations": [],
                "status": "active", "status_since": today(), "created_at": now,
                "updated_at": now, "version": 1,
            },
        )  # fmt: skip
        connection.execute(
            insert(CommitteeTerritory),
            {"committee_id": committee_id, "kind": "department", "code": "07"},
        )
    return committee_id


def _counts(engine: Engine) -> tuple[int, int]:
    """Rows of people and memberships, and outbox events: what a write would add to."""
    with engine.connect() as connection:
        rows = sum(
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Person, Membership)
        )
        events = connection.execute(select(func.count()).select_from(OutboxEvent)).scalar_one()
    return rows, events


def one_run(base: str, engine: Engine, *, token: str) -> Run:
    run = uuid.uuid4().hex[:8]
    committee_id = new_committee(engine, run)
    body = members_file(run)
    url = f"{base}/committees/{committee_id}/members/import"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
    with httpx.Client(headers=headers, timeout=120) as client:

        def timed(**params: str) -> tuple[float, dict[str, Any]]:
            started = time.perf_counter()
            response = client.post(url, content=body, params=params)
            seconds = time.perf_counter() - started
            response.raise_for_status()
            report: dict[str, Any] = response.json()
            assert (report["encoding"], report["delimiter"]) == ("windows-1252", ";"), report
            return seconds, report

        dry, planned = timed(dry_run="true")
        apply, applied = timed()
        before = _counts(engine)
        reapply, reapplied = timed()
        after = _counts(engine)
    assert planned["counts"]["create"] == applied["counts"]["create"] == ROWS, planned["counts"]
    assert reapplied["counts"]["unchanged"] == ROWS, reapplied["counts"]
    return Run(
        dry, apply, reapply, planned["counts"], applied["counts"], reapplied["counts"],
        after[0] - before[0], after[1] - before[1],
    )  # fmt: skip


def run(base: str, engine: Engine, *, token: str, runs: int = 3) -> dict[str, Any]:
    """One file imported to warm the server up (its statements compiled, the tables' pages
    cached), then `runs` measured, each into a committee of its own."""
    one_run(base, engine, token=token)
    measured = [one_run(base, engine, token=token) for _ in range(runs)]
    medians = {
        "dry_run": statistics.median(r.dry_run_s for r in measured),
        "apply": statistics.median(r.apply_s for r in measured),
        "reapply": statistics.median(r.reapply_s for r in measured),
    }
    return {
        "rows": ROWS,
        "targets_s": TARGETS,
        "median_s": medians,
        "met": {step: medians[step] < TARGETS[step] for step in TARGETS},
        "runs": [asdict(r) for r in measured],
    }


def print_table(report: dict[str, Any]) -> None:
    print(f"\n{'import of ' + str(report['rows']) + ' rows':<28}{'dry run s':>10}{'apply s':>10}"
          f"{'re-apply s':>11}{'written':>9}")  # fmt: skip
    for n, r in enumerate(report["runs"], start=1):
        written = r["rows_written_by_reapply"] + r["events_written_by_reapply"]
        print(
            f"{'  run ' + str(n):<28}{r['dry_run_s']:>10.2f}{r['apply_s']:>10.2f}"
            f"{r['reapply_s']:>11.2f}{written:>9}"
        )
    m, t = report["median_s"], report["targets_s"]
    verdicts = ", ".join(
        f"{step} {m[step]:.2f} s (< {t[step]} s: {'met' if report['met'][step] else 'NOT met'})"
        for step in t
    )
    print(f"median: {verdicts}")
