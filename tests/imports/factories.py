"""Files a département's IT would send: CSV text in its encoding, or JSON rows."""

from typing import Any

HEADER = ["external_id", "source", "first_name", "last_name", "email", "category", "role"]


def a_row(n: int, **overrides: Any) -> dict[str, Any]:
    return {
        "external_id": f"RH-{n:05d}",
        "source": "sirh-07",
        "first_name": f"Prénom{n}",
        "last_name": f"Nom{n}",
        "email": f"agent{n}@ardeche.fr",
        "category": "social_worker",
        "role": "member",
    } | overrides


def csv_file(
    rows: list[dict[str, Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    header: list[str] | None = None,
) -> bytes:
    columns = header or list(rows[0]) if rows else (header or HEADER)
    lines = [delimiter.join(columns)]
    lines += [delimiter.join(str(row.get(c) or "") for c in columns) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def members_url(committee_id: Any) -> str:
    return f"/api/v1/committees/{committee_id}/members/import"
