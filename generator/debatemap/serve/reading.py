"""Reading a request off the socket within a deadline, so a slow client cannot hold a thread.

The socket's own timeout counts per ``recv``: a client sending one byte every few seconds
never trips it and keeps its thread for as long as it likes (slowloris). Here each ``recv`` gets
only what is left of a deadline for the whole request head.
"""

from __future__ import annotations

import io
import socket
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


class DeadlineReader(io.RawIOBase):
    """A socket's bytes, each read bounded by ``deadline`` (``time.monotonic``) when one is set."""

    def __init__(self, connection: socket.socket, idle: float) -> None:
        self.connection = connection
        self.idle = idle
        """The longest a single read may wait, deadline or not."""
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        wait = self.idle
        if self.deadline is not None:
            wait = min(wait, self.deadline - time.monotonic())
            if wait <= 0:
                raise TimeoutError("the request took too long to arrive")
        self.connection.settimeout(wait)
        return self.connection.recv_into(buffer)
