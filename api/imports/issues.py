"""A row's faults, as the plan reports them: the column, a stable code, a French message."""

from typing import Any

from pydantic import ValidationError

from api.imports.schemas import ImportIssue as Issue

__all__ = ["Issue", "issue", "issues_of"]


def issue(field: str | None, code: str, message: str) -> Issue:
    return Issue(field=field, code=code, message=message)


_DATES = frozenset({"start_on", "end_on"})


def issues_of(error: ValidationError) -> list[Issue]:
    """Pydantic's errors of a row, in the plan's terms (never echoing the value: it may be
    personal data)."""
    return [_one(e) for e in error.errors(include_input=False, include_url=False)]


def _one(error: Any) -> Issue:
    loc = error.get("loc") or ()
    field = str(loc[0]) if loc else None
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return issue(field, "missing", "Valeur obligatoire manquante.")
    if kind == "extra_forbidden":
        return issue(field, "unknown_field", "Champ inconnu.")
    if field in _DATES:
        return issue(field, "invalid_date", "Date attendue au format AAAA-MM-JJ.")
    if field == "email":
        return issue(field, "invalid_email", "Adresse électronique invalide.")
    if kind == "enum":
        return issue(
            field,
            "invalid_choice",
            f"Valeur inconnue ; valeurs possibles : {ctx.get('expected', '')}.",
        )
    if kind == "string_too_long":
        return issue(field, "too_long", f"Trop long ({ctx.get('max_length')} caractères au plus).")
    if kind == "string_pattern_mismatch":
        return issue(field, "invalid_format", "Format invalide.")
    if kind.endswith("_type"):
        return issue(field, "invalid_type", "Type de valeur inattendu (texte attendu).")
    return issue(field, "invalid_value", "Valeur invalide.")
