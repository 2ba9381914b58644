"""Who is at the other end of a request: the client address, read from a proxy's
`X-Forwarded-For` only when that proxy is listed in `OVERSEAS_TRUSTED_PROXIES`."""

import ipaddress
from functools import lru_cache

from fastapi import Request

from overseas.core.config import get_settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache
def _trusted(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request) -> str:
    """The peer's address; behind trusted proxies, the nearest address in X-Forwarded-For
    that is not itself a trusted proxy (anything further left was written by the client and
    proves nothing)."""
    peer = request.client.host if request.client else "unknown"
    networks = _trusted(tuple(get_settings().trusted_proxies))
    if not networks or not _is_trusted(peer, networks):
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop[:64]
    return peer
