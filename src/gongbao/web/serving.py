"""The HTTP protocol `gongbao serve` gives uvicorn: its own choice (httptools when
installed, else h11) with Nagle's algorithm turned off on every connection.

asyncio sets TCP_NODELAY on the connections of a socket it opened itself, but not on those
of a listening socket handed to a worker process (`--workers N`: the socket arrives with
protocol number 0, and asyncio only sets the option when it reads IPPROTO_TCP). Without it a
small response waits for the client's delayed ACK: every request then took ~44 ms on
loopback, even with one client. Setting the option per connection makes one process and
several behave the same.

>>> HTTP_PROTOCOL
'gongbao.web.serving:NoDelayHTTPProtocol'
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol

HTTP_PROTOCOL = "gongbao.web.serving:NoDelayHTTPProtocol"


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's automatic HTTP protocol, with TCP_NODELAY set on the connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass  # not a TCP socket after all: nothing to turn off
        super().connection_made(transport)
