"""Run the review app on 127.0.0.1 only, on a socket bound before the address is printed."""

from __future__ import annotations

import secrets
import socket
import threading
from pathlib import Path

import uvicorn

from .app import Settings, create_app

HOST = "127.0.0.1"


def bind(port: int = 0) -> socket.socket:
    """Bind now (port 0: any free port) so the printed address is the one that is served."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    return sock


def new_token() -> str:
    return secrets.token_urlsafe(24)


def make_server(folder: str | Path, out_dir: str | Path, *, token: str, reviewer: str = "",
                policy: str | None = None) -> uvicorn.Server:
    settings = Settings(Path(folder), Path(out_dir), token, reviewer, policy)
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False,
                            lifespan="off")
    return uvicorn.Server(config)


def url(sock: socket.socket, token: str) -> str:
    return f"http://{HOST}:{sock.getsockname()[1]}/?token={token}"


def start_in_thread(server: uvicorn.Server, sock: socket.socket) -> threading.Thread:
    """Serve in a background thread (tests, embedding); stop with ``server.should_exit``."""
    server.config.install_signal_handlers = False  # only the main thread may set them
    t = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    t.start()
    while not server.started and t.is_alive():
        t.join(0.02)
    return t
