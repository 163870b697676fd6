"""`meta.version` as ETags, and `If-Match` (RFC 7644 §3.14): optional in SCIM; when sent, a
write to another version is refused with 412. Weak and strong forms of a tag compare equal."""

from api.scim.errors import ScimError


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def check_version(if_match: str | None, version: str) -> None:
    if if_match is None:
        return
    offered = {_opaque(tag) for tag in if_match.split(",")}
    if "*" in offered or _opaque(version) in offered:
        return
    raise ScimError(412, f"The resource has changed: its version is now {version}.")
