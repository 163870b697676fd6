"""One delivery attempt over HTTP: the target checked again, then a signed POST to the
address that was checked (the name is never resolved a second time, by httpx or anyone).

The POST runs on an event loop of its own under one deadline for the whole exchange
(`DEADLINE`): httpx's timeouts bound each read, so a receiver trickling its answer a byte at a
time would otherwise hold the worker for hours, and outlive the claim's lease."""

import asyncio
from datetime import datetime

import httpx

from api.webhooks.deliveries import Claim, Outcome
from api.webhooks.signing import signed_headers, unseal
from api.webhooks.targets import Resolver, Target, TargetPolicy, TargetRefused, check

TIMEOUT = httpx.Timeout(10.0)
DEADLINE_SECONDS = 30.0  # far below the claim's lease (api.webhooks.deliveries.LEASE)
USER_AGENT = "ancrage-webhooks/1"


async def _post(
    url: httpx.URL,
    *,
    body: bytes,
    headers: dict[str, str],
    extensions: dict[str, str],
    transport: httpx.AsyncBaseTransport | None,
) -> int:
    # No redirects (a 3xx could point anywhere, unchecked); no proxy from the environment.
    async with httpx.AsyncClient(
        timeout=TIMEOUT, follow_redirects=False, trust_env=False, transport=transport
    ) as http:
        # Streamed and closed unread: the receiver's body is not ours to download.
        request = http.build_request(
            "POST", url, content=body, headers=headers, extensions=extensions
        )
        response = await asyncio.wait_for(http.send(request, stream=True), DEADLINE_SECONDS)
        await response.aclose()
        return response.status_code


def _host_header(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def send(
    held: Claim,
    *,
    policy: TargetPolicy,
    resolver: Resolver,
    now: datetime,
    transport: httpx.AsyncBaseTransport | None = None,
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
        status = asyncio.run(
            _post(url, body=held.body.encode(), headers=headers, extensions=extensions,
                  transport=transport)
        )  # fmt: skip
    except TimeoutError:
        return Outcome(error=f"no complete answer in {DEADLINE_SECONDS:.0f} s")
    except httpx.HTTPError as error:
        reason = type(error).__name__
        return Outcome(error=f"{reason}: {error}" if str(error) else reason)
    if 200 <= status < 300:
        return Outcome(status_code=status)
    return Outcome(status_code=status, error=f"HTTP {status}")
