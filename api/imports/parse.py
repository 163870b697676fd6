"""Reading an import's body: a CSV file (its encoding and separator detected) or JSON rows,
into raw rows with their line numbers. What the values mean is the service's to check."""

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson

from api.core.problems import InvalidInput
from api.core.text import fold

MAX_ROWS = 50_000


class UnreadableImport(InvalidInput):
    """The body as a whole cannot be read as an import (no row is planned)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, field=[])


@dataclass(frozen=True)
class Parsed:
    format: str
    encoding: str | None
    delimiter: str | None
    # (line, values): the line in the file (the header is 1) or the position in `rows` from 1;
    # the values as read (a CSV's cells as text, an empty one left out).
    rows: list[tuple[int, Any]]


def parse(body: bytes, *, content_type: str) -> Parsed:
    media = content_type.split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return _json(body)
    if media in ("text/csv", "application/csv", "text/plain"):
        return _csv(body)
    raise UnreadableImport(
        "Send a CSV file (Content-Type: text/csv) or JSON rows (application/json)."
    )


def _json(body: bytes) -> Parsed:
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise UnreadableImport(f"The body is not JSON: {error}.") from None
    if not isinstance(document, dict) or set(document) != {"rows"}:
        raise UnreadableImport('The JSON body is an object with one member, "rows".')
    rows = document["rows"]
    if not isinstance(rows, list):
        raise UnreadableImport('"rows" is a list of objects.')
    _check_size(len(rows))
    return Parsed("json", None, None, list(enumerate(rows, start=1)))


# --- CSV ---------------------------------------------------------------------------------

# Column names as a département's spreadsheet may spell them, folded (`_header`).
COLUMNS = {
    "external_id": ("external_id", "identifiant", "id", "matricule", "identifiant_externe"),
    "source": ("source", "systeme", "systeme_source"),
    "first_name": ("first_name", "prenom"),
    "last_name": ("last_name", "nom", "nom_de_famille"),
    "email": ("email", "courriel", "mail", "e_mail", "adresse_electronique"),
    "phone": ("phone", "telephone", "tel"),
    "category": ("category", "categorie"),
    "role": ("role", "qualite", "mandat"),
    "body": ("body", "instance"),
    "start_on": ("start_on", "debut", "date_de_debut", "date_debut"),
    "end_on": ("end_on", "fin", "date_de_fin", "date_fin"),
}
_FIELD_OF = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}

# French words a spreadsheet holds for the API's values, folded.
_VALUES = {
    "category": {
        "personne_accompagnee": "person_supported",
        "personne_concernee": "person_supported",
        "travailleur_social": "social_worker",
        "travailleuse_sociale": "social_worker",
        "professionnel": "social_worker",
        "cadre": "manager",
        "elu": "elected_official",
        "elue": "elected_official",
        "etudiant": "student",
        "etudiante": "student",
        "benevole": "volunteer",
        "formateur_chercheur": "trainer_researcher",
        "partenaire_institutionnel": "institutional_partner",
        "autre": "other",
    },
    "role": {
        "pilote": "pilot",
        "secretariat": "secretariat",
        "titulaire": "titular",
        "suppleant": "substitute",
        "suppleante": "substitute",
        "membre": "member",
        "membre_actif": "active_member",
    },
}
_FRENCH_DATE = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})")


@lru_cache(maxsize=4096)  # a file repeats its categories and roles on every line
def _header(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


def decode(body: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without a byte-order mark), else
    Windows-1252 (what a spreadsheet saves as "CSV" on a French Windows)."""
    if body.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "windows-1252"
    try:
        return body.decode(encoding), encoding
    except UnicodeDecodeError:
        raise UnreadableImport("The file is neither UTF-8 nor Windows-1252 text.") from None


def delimiter_of(header_line: str) -> str:
    """`;` (a French spreadsheet's CSV) or `,`: whichever splits the header more."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _csv(body: bytes) -> Parsed:
    text, encoding = decode(body)
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise UnreadableImport("The file is empty: its first line names the columns.")
    delimiter = delimiter_of(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        fields = _fields(next(reader))
        rows = []
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, _values(fields, cells)))
                _check_size(len(rows))
    except csv.Error as error:
        raise UnreadableImport(f"Line {reader.line_num}: {error}.") from None
    return Parsed("csv", encoding.removesuffix("-sig"), delimiter, rows)


def _fields(header: list[str]) -> list[str]:
    fields, unknown = [], []
    for name in header:
        field = _FIELD_OF.get(_header(name))
        if field is None:
            unknown.append(name)
        fields.append(field or "")
    if unknown:
        known = ", ".join(COLUMNS)
        raise UnreadableImport(f"Unknown columns: {', '.join(unknown)} (known: {known}).")
    doubled = sorted({f for f in fields if fields.count(f) > 1})
    if doubled:
        raise UnreadableImport(f"Columns given twice: {', '.join(doubled)}.")
    return fields


def _values(fields: list[str], cells: list[str]) -> dict[str, Any] | list[str]:
    """A row's values by field; a row with more cells than columns stays a list (an error)."""
    if len(cells) > len(fields):
        return cells
    values: dict[str, Any] = {}
    for field, cell in zip(fields, cells, strict=False):
        cell = cell.strip()
        if not cell:
            values[field] = None
            continue
        if field in _VALUES:
            cell = _VALUES[field].get(_header(cell), cell)
        elif field in ("start_on", "end_on") and (day := _FRENCH_DATE.fullmatch(cell)):
            cell = f"{day[3]}-{day[2]}-{day[1]}"  # a spreadsheet's dd/mm/yyyy
        values[field] = cell
    for field in fields[len(cells) :]:
        values[field] = None
    return values


def _check_size(rows: int) -> None:
    if rows > MAX_ROWS:
        raise UnreadableImport(f"At most {MAX_ROWS} rows at once.")
