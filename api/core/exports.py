"""CSV answers for figures analysts open in a spreadsheet: chosen with `?format=csv` or
`Accept: text/csv`, UTF-8 with a BOM (so spreadsheet software reads accents right), comma
separated as RFC 4180 says, a header row, a dated file name; the columns are documented in the
operation's OpenAPI entry."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Response

CSV = "text/csv"


class Format(StrEnum):
    json = "json"
    csv = "csv"


FormatQuery = Annotated[
    Format | None,
    Query(
        alias="format",
        description="`csv` for CSV (as `Accept: text/csv`); `json`, the default, for JSON.",
    ),
]
AcceptHeader = Annotated[str | None, Header(include_in_schema=False)]


async def wants_csv(output: FormatQuery = None, accept: AcceptHeader = None) -> bool:
    """CSV when the query asks for it, or when it says nothing and `Accept` names text/csv."""
    if output is not None:
        return output is Format.csv
    return accept is not None and any(
        part.split(";")[0].strip().lower() == CSV for part in accept.split(",")
    )


# A route's parameter: whether the caller asked for CSV (`?format=` or `Accept`).
AsCsv = Annotated[bool, Depends(wants_csv)]


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Any]], filename: str) -> Response:
    buffer = io.StringIO()
    # A BOM first: without it, spreadsheet software reads UTF-8 as the local code page.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return Response(
        buffer.getvalue().encode("utf-8"),
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_documented(columns: dict[str, str], example: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for the CSV form of a 200: its columns, in order, each described."""
    described = "; ".join(f"`{name}`: {text}" for name, text in columns.items())
    return {
        200: {
            "content": {
                CSV: {
                    "schema": {
                        "type": "string",
                        "description": f"A header row, then one row per group. Columns, in "
                        f"this order: {described}.",
                    },
                    "example": example,
                }
            }
        }
    }


def dated_filename(name: str, *days: date) -> str:
    return "-".join(["ancrage", name, *(day.isoformat() for day in days)]) + ".csv"


LONG_COLUMNS = {
    "figure": "what is counted, e.g. `deliverables_by_status`",
    "group": "the group counted (a status, a step, a tag code), empty for a total",
    "value": "the count, or a rate from 0 to 1 (empty when there is nothing to compute it on)",
}


def long_rows(
    figures: dict[str, Any], prefix: str = "", group: str = ""
) -> list[tuple[str, str, Any]]:
    """Nested figures as (figure, group, value) rows, in their order: `{"deliverables":
    {"total": 3, "by_status": {"planned": 2}}}` → `deliverables_total`, `""`, 3 and
    `deliverables_by_status`, `planned`, 2. A list's items are groups named by their first
    field (an id, a year): `{"relays": [{"committee_id": "c1", "relayed": 4}]}` →
    `relays_relayed`, `c1`, 4."""
    rows: list[tuple[str, str, Any]] = []
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, list):
            for item in value:
                first, *rest = item
                rows += long_rows({k: item[k] for k in rest}, f"{name}_", str(item[first]))
        elif (
            isinstance(value, dict)
            and not group
            and all(not isinstance(v, dict | list) for v in value.values())
        ):
            rows += [(name, str(g), count) for g, count in value.items()]
        elif isinstance(value, dict):
            rows += long_rows(value, f"{name}_", group)
        else:
            rows.append((name, group, value))
    return rows
