"""The bot's web server (bot/webserver.py) leaves nothing open when it cannot start."""

from __future__ import annotations

import gc
import socket
import warnings

import pytest

from bot.webserver import WebServer


async def test_a_port_in_use_leaves_no_socket_open() -> None:
    """tornado's bind_sockets raises on an address in use without closing the socket it
    made; found as a ResourceWarning (an error in this suite) failing whichever test of the
    same worker ran when the garbage collector came by."""
    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            with pytest.raises(OSError):
                await WebServer([], port=port, listen="127.0.0.1").start()
            gc.collect()
        leaks = [w for w in seen if issubclass(w.category, ResourceWarning)]
        assert not leaks, [str(w.message) for w in leaks]
    finally:
        taken.close()
