"""Is the browser on the machine that runs the server? Only a direct loopback peer with no proxy header.

The peer address is the TCP connection's own (Streamlit's ``client_context.remote_ip``), which a
client cannot choose. A request that carries any proxy header (``X-Forwarded-For``,
``Forwarded``, ``X-Real-IP``) came through something that relays other machines' requests, or
claims to: it is never treated as local, whatever the address says. (The server stack may
rewrite the peer address from ``X-Forwarded-For`` when the relay is on loopback; the header stays
in the request, so such a request is refused here too.)
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import ip_address

PROXY_HEADERS = frozenset({"x-forwarded-for", "forwarded", "x-real-ip"})


def has_proxy_header(headers: Iterable[tuple[str, str]]) -> bool:
    return any(name.strip().lower() in PROXY_HEADERS for name, _value in headers)


def is_loopback(address: str | None) -> bool:
    if not address:
        return False
    try:
        parsed = ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(parsed, "ipv4_mapped", None)
    return bool((mapped or parsed).is_loopback)


def is_direct_loopback(address: str | None, headers: Iterable[tuple[str, str]]) -> bool:
    """True only for a loopback peer address on a request without any proxy header."""
    return is_loopback(address) and not has_proxy_header(headers)
