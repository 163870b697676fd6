"""One delivery attempt over HTTP: the target checked again, then a signed POST to the
address that was checked (the name is never resolved a second time, by httpx or anyone)."""

from datetime import datetime

import httpx

from api.webhooks.deliveries import Claim, Outcome
from api.webhooks.signing import signed_headers, unseal
from api.webhooks.targets import Resolver, Target, TargetPolicy, TargetRefused, check

TIMEOUT = httpx.Timeout(10.0)
USER_AGENT = "ancrage-webhooks/1"


def new_client() -> httpx.Client:
    # No redirects (a 3xx could point anywhere, unchecked); no proxy from the environment.
    return httpx.Client(timeout=TIMEOUT, follow_redirects=False, trust_env=False)


def _host_header(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def send(
    held: Claim,
    *,
    http: httpx.Client,
    policy: TargetPolicy,
    resolver: Resolver,
    now: datetime,
) -> Outcome:
    """POST the delivery's body, signed as sent at `now`. A refused target is a failed
    attempt (retried: its DNS may be fixed); so is an answer other than 2xx, or none."""
    try:
        target = check(held.url, policy, resolver)
    except TargetRefused as refused:
        return Outcome(error=f"refused: {refused}")
    try:
        secret = unseal(held.sealed_secret)
    except ValueError:
        # SIGNING_KEYS lost the key it was sealed under: the client subscribes again.
        return Outcome(error="the signing secret cannot be opened with SIGNING_KEYS")
    headers = signed_headers(secret, message_id=str(held.delivery_id), at=now, body=held.body)
    headers |= {
        "Host": _host_header(target),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    # The checked address in the URL; the name in Host and, for https, in TLS's server name,
    # against which the certificate is verified.
    url = httpx.URL(
        scheme=target.scheme, host=target.address, port=target.port, raw_path=target.path.encode()
    )
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        # Streamed and closed unread: the receiver's body is not ours to download.
        with http.stream(
            "POST", url, content=held.body.encode(), headers=headers, extensions=extensions
        ) as response:
            status = response.status_code
    except httpx.HTTPError as error:
        reason = type(error).__name__
        return Outcome(error=f"{reason}: {error}" if str(error) else reason)
    if 200 <= status < 300:
        return Outcome(status_code=status)
    return Outcome(status_code=status, error=f"HTTP {status}")
