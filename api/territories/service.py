"""The COG reference data, read once from the JSON shipped with the package."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, case, literal_column

from api.core.problems import NotFound

DATA = Path(__file__).parent / "data" / "territories.json"


@dataclass(frozen=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    region_code: str


@dataclass(frozen=True)
class Reference:
    cog_year: int
    attribution: str
    regions: dict[str, Region]
    departments: dict[str, Department]


@cache
def reference() -> Reference:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return Reference(
        cog_year=raw["cog_year"],
        attribution=raw["attribution"],
        regions={r["code"]: Region(**r) for r in raw["regions"]},
        departments={d["code"]: Department(**d) for d in raw["departments"]},
    )


def list_regions() -> list[Region]:
    return list(reference().regions.values())


def list_departments(*, region_code: str | None = None) -> list[Department]:
    departments = reference().departments.values()
    return [d for d in departments if region_code is None or d.region_code == region_code]


def get_region(code: str) -> Region:
    region = reference().regions.get(code)
    if region is None:
        raise NotFound(f"No region with INSEE code {code!r}.")
    return region


def get_department(code: str) -> Department:
    department = reference().departments.get(code)
    if department is None:
        raise NotFound(f"No département with INSEE code {code!r}.")
    return department


def unknown_regions(codes: list[str]) -> list[str]:
    return [c for c in codes if c not in reference().regions]


def unknown_departments(codes: list[str]) -> list[str]:
    return [c for c in codes if c not in reference().departments]


def department_codes_of(region_code: str) -> list[str]:
    return [d.code for d in list_departments(region_code=region_code)]


def region_code_sql(kind: Any, code: Any) -> ColumnElement[str]:
    """SQL: the region of a territory row (`kind`, `code` columns): a region's own code, a
    département's region from the reference data, so that figures group by region in SQL."""
    return case((kind == "region", code), else_=case(_by_department(), value=code))


@cache
def _by_department() -> dict[Any, Any]:
    # Inline literals, not 202 bound parameters: the codes are the reference data's own
    # (checked below), and a statement with them inline plans once.
    codes = {d.code: d.region_code for d in reference().departments.values()}
    if not all(re.fullmatch(r"[0-9AB]{2,3}", c) for pair in codes.items() for c in pair):
        raise ValueError(f"unexpected INSEE codes in {DATA}")
    return {literal_column(f"'{d}'"): literal_column(f"'{r}'") for d, r in codes.items()}
