"""``translate serve``: keep one model warm behind a small HTTP API (see :mod:`translate.server.app`)."""
from __future__ import annotations

import ipaddress
import socket
import threading

LOOPBACK = ("127.0.0.1", "localhost", "::1")  # see is_loopback for the full test
DEFAULT_READ_TIMEOUT = 20.0  # seconds to receive a request's head, and again its body


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0 picks a free one); OSError says why it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit it: an answer goes out as two writes (head, body), and with Nagle's
    # algorithm the body waits for the client's delayed ACK (40 ms per request on Linux)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


MAX_CONNECTIONS = 1024  # connections and requests in the server at once; beyond: HTTP 503


def _server(app, read_timeout: float | None = None, max_connections: int = MAX_CONNECTIONS):
    """uvicorn on h11 with a read timeout for request heads (see :mod:`translate.server.guard`; the body's
    is the app's ``read_timeout``) and a short keep-alive."""
    import uvicorn

    from translate.server.guard import guarded_protocol

    timeout = DEFAULT_READ_TIMEOUT if read_timeout is None else read_timeout
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False,
                            timeout_keep_alive=max(1, min(15, int(timeout))), http=guarded_protocol(timeout),
                            limit_concurrency=max_connections)
    return uvicorn.Server(config)


def run(app, sock: socket.socket, read_timeout: float | None = None) -> None:
    """Serve ``app`` on ``sock`` until Ctrl-C / SIGTERM."""
    _server(app, read_timeout).run(sockets=[sock])


class ServerThread:
    """The real uvicorn server in a background thread (tests, benchmarks): ``with ServerThread(app) as url``."""

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0, read_timeout: float | None = None):
        self.sock = bind(host, port)
        self.url = url_of(self.sock)
        self.server = _server(app, read_timeout)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self) -> str:
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server thread did not start")
            time.sleep(0.02)
        return self.url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
