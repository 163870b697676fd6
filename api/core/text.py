"""Text folding for search: the same on SQLite (ASCII-only lower()) and PostgreSQL."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents: "Élodie", "ÉLODIE" and "elodie" match."""
    if text.isascii():  # nothing to decompose (most names): a tenth of the time
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
