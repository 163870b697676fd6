"""Where a webhook may be sent: https, to a host whose every address is public.

Checked when a URL is subscribed and again before each delivery, against the addresses the
delivery then connects to (resolve once, check every address, connect to a checked one): a
name that resolved to a public address at subscription cannot later send the worker to
127.0.0.1, 10.x or the cloud's metadata service (169.254.169.254) by changing its DNS records
(DNS rebinding). Nothing here opens a connection; the resolver is injected for tests."""

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses it resolves to (as text). Raises OSError when it does not.
Resolver = Callable[[str, int], Sequence[str]]


class TargetRefused(ValueError):
    """A URL the worker will not send to; the message says why (in English, for the log)."""


@dataclass(frozen=True)
class TargetPolicy:
    """`allow_local`: development only (the WEBHOOKS_ALLOW_LOCAL setting): http:// and
    loopback addresses are accepted, for a receiver on the developer's machine. Private,
    link-local and other non-global addresses stay refused."""

    allow_local: bool = False


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (`address`) and what to call it (`host`, for the
    `Host` header and TLS's server name)."""

    scheme: str
    host: str
    port: int
    address: str
    path: str


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _split(url: str, policy: TargetPolicy) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise TargetRefused("not a valid URL") from error
    scheme = parts.scheme.lower()
    if scheme != "https" and not (scheme == "http" and policy.allow_local):
        raise TargetRefused("the URL must be https://")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("the URL must not carry credentials")
    if not parts.hostname:
        raise TargetRefused("the URL has no host")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80), path


def refusal(address: str, policy: TargetPolicy) -> str | None:
    """Why the worker may not connect to `address`, or None when it may."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    if policy.allow_local and ip.is_loopback:
        return None
    if not ip.is_global or ip.is_multicast:
        return f"{ip} is not a public address (private, loopback, link-local or reserved)"
    return None


def check(url: str, policy: TargetPolicy, resolver: Resolver = system_resolver) -> Target:
    """The URL checked and resolved; `TargetRefused` when it may not be sent to: not https
    (unless `allow_local`), a host that does not resolve, or one address that is not global
    (a name with one private address among public ones is refused whole: the connection
    could have gone to any)."""
    scheme, host, port, path = _split(url, policy)
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        addresses: Sequence[str] = [host]
    except ValueError:
        try:
            addresses = resolver(host, port)
        except (OSError, UnicodeError) as error:
            raise TargetRefused(f"{host} does not resolve") from error
    if not addresses:
        raise TargetRefused(f"{host} does not resolve")
    for address in addresses:
        if (reason := refusal(address, policy)) is not None:
            raise TargetRefused(f"{host}: {reason}")
    return Target(scheme=scheme, host=host, port=port, address=addresses[0], path=path)
