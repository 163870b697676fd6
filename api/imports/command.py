"""`ancrage import FILE --committee …`: the import service run in-process on DATABASE_URL,
as an operator runs it from a terminal: a progress bar, the plan as a table, one French line
on failure."""

import uuid
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlmodel import Session

from api.auth.permissions import Subject
from api.committees.service import find_by_reference
from api.core.problems import AppError
from api.db import get_engine, transaction
from api.imports.parse import UnreadableImport, parse
from api.imports.schemas import ImportAction, ImportMode, ImportReport
from api.imports.service import ImportOptions, ImportRejected, run_import

# The command line is the network's operator: no user, no client (events say no writer).
OPERATOR = Subject(user_id=uuid.UUID(int=0), email="cli@ancrage", is_network_admin=True)
SHOWN = 1000  # rows of the plan printed at most
ACTIONS_FR = {
    ImportAction.create: "création",
    ImportAction.update: "mise à jour",
    ImportAction.unchanged: "inchangé",
    ImportAction.end: "fin",
    ImportAction.error: "erreur",
}


def import_file(
    path: Path, *, committee: str, mode: ImportMode, dry_run: bool, source: str | None
) -> int:
    out, err = Console(), Console(stderr=True)
    try:
        body = path.read_bytes()
    except OSError as error:
        err.print(f"erreur : fichier illisible : {path} ({error.strerror})", highlight=False)
        return 1
    content_type = "application/json" if path.suffix.lower() == ".json" else "text/csv"
    options = ImportOptions(mode=mode, dry_run=dry_run, source=source)
    try:
        total = len(parse(body, content_type=content_type).rows)
        with Session(get_engine(), expire_on_commit=False) as session, transaction(session):
            found = find_by_reference(session, committee)
            if len(found) != 1:
                what = "aucun comité" if not found else f"{len(found)} comités"
                err.print(f"erreur : {what} pour « {committee} »", highlight=False)
                return 1
            with _progress(err) as bar:
                task = bar.add_task("Lignes", total=total)
                report = run_import(
                    session,
                    committee_id=found[0].id,
                    body=body,
                    content_type=content_type,
                    options=options,
                    subject=OPERATOR,
                    progress=lambda n: bar.advance(task, n),
                )
    except ImportRejected as rejected:
        _print_faults(out, rejected)
        faulty = len({e["loc"][1] for e in rejected.errors})
        err.print(f"erreur : {faulty} ligne(s) en défaut, rien n'a été importé", highlight=False)
        return 1
    except UnreadableImport as error:
        err.print(f"erreur : fichier illisible : {error.detail}", highlight=False)
        return 1
    except AppError as error:
        err.print(f"erreur : {error.detail}", highlight=False)
        return 1
    _print_plan(out, report)
    if report.counts.error:
        err.print(f"erreur : {report.counts.error} ligne(s) en défaut", highlight=False)
        return 1
    return 0


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,  # a pipe or a log gets the table and the verdict only
    )


def _print_plan(out: Console, report: ImportReport) -> None:
    table = Table("Ligne", "Action", "Source", "Identifiant", "Champs", "Erreurs")
    shown = [r for r in report.rows if r.action is not ImportAction.unchanged]
    for row in shown[:SHOWN]:
        table.add_row(
            str(row.line or ""),
            ACTIONS_FR[row.action],
            row.source or "",
            row.external_id or "",
            ", ".join(row.fields),
            "; ".join(f"{e.field or 'ligne'} : {e.message} ({e.code})" for e in row.errors),
        )
    out.print(table)
    if len(shown) > SHOWN:
        out.print(f"… et {len(shown) - SHOWN} ligne(s) de plus")
    c = report.counts
    verb = "prévu (simulation, rien n'est écrit)" if report.dry_run else "importé"
    out.print(
        f"{verb} : {c.create} création(s), {c.update} mise(s) à jour, {c.unchanged} "
        f"inchangée(s), {c.end} fin(s), {c.error} erreur(s) — fichier {report.format}"
        + (f" {report.encoding}, séparateur « {report.delimiter} »" if report.encoding else ""),
        highlight=False,
    )


def _print_faults(out: Console, rejected: ImportRejected) -> None:
    table = Table("Ligne", "Champ", "Code", "Message")
    for error in rejected.errors[:SHOWN]:
        table.add_row(str(error["loc"][1]), error["loc"][2], error["type"], error["msg"])
    out.print(table)
