""""Import by address" never reaches internal hosts (server-side request forgery).

Real sockets on loopback ports stand in for the internal services an attacker would aim at:
each listener counts the connections it accepts, and a refused address must leave it at zero.
"""

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from events import fetching
from events.fetching import FetchRefused, fetch, is_public

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
ONE_MESSAGE = "Der Kalender konnte von dieser Adresse nicht geladen werden."


class Listener:
    """A TCP port on 127.0.0.1 that records every connection (what a Redis or the admin would see)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                connection, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self.running = False
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    port = Listener()
    yield port
    port.close()


def http_server(handler_body):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            try:
                handler_body(self)
            except OSError:  # the client gave up, as it should
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def calendar_server():
    def serve(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/calendar")
        handler.end_headers()
        handler.wfile.write(CALENDAR)

    server = http_server(serve)
    yield server
    server.shutdown()


def refused(url):
    with pytest.raises(FetchRefused) as caught:
        fetch(url)
    assert str(caught.value).startswith(ONE_MESSAGE)
    return str(caught.value)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.2.1",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
        "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1", "2002:7f00:1::1", "2001:db8::1",
    ],
)
def test_internal_addresses_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8"])
def test_public_addresses_are_public(address):
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "template",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/admin/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://2130706433:{port}/",  # 127.0.0.1 written as one number
        "http://0x7f.1:{port}/",
        "https://127.0.0.1:{port}/",
        "webcal://127.0.0.1:{port}/kalender.ics",
    ],
)
def test_loopback_in_any_spelling_gets_no_connection(listener, template):
    refused(template.format(port=listener.port))
    assert listener.connections == 0


def test_every_refusal_has_the_same_text(listener):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    texts = {
        refused(f"http://127.0.0.1:{listener.port}/"),  # an open internal port
        refused(f"http://127.0.0.1:{closed_port}/"),  # a closed one
        refused("http://169.254.169.254/latest/meta-data/"),
        refused("http://name.invalid/"),  # cannot be resolved
        refused("ftp://example.org/"),
        refused("http://user:secret@localhost/"),
    }
    assert len(texts) == 1
    assert listener.connections == 0


def test_a_redirect_to_loopback_is_refused(listener):
    def redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", f"http://127.0.0.1:{listener.port}/admin/")
        handler.end_headers()

    server = http_server(redirect)
    try:
        # The redirecting host itself is allowed by name (as a partner in the same network would be);
        # the address it sends us to is not.
        with override_settings(EVENTS_FETCH_ALLOWED_HOSTS=["localhost"]):
            refused(f"http://localhost:{server.server_port}/kalender.ics")
    finally:
        server.shutdown()
    assert listener.connections == 0


def test_named_internal_host_can_be_allowed(calendar_server):
    url = f"http://localhost:{calendar_server.server_port}/kalender.ics"
    refused(url)
    with override_settings(EVENTS_FETCH_ALLOWED_HOSTS=["localhost"]):
        assert fetch(url) == CALENDAR


def test_size_is_capped(monkeypatch):
    def huge(handler):
        handler.send_response(200)
        handler.end_headers()
        for _ in range(20):
            handler.wfile.write(b"x" * 65536)

    monkeypatch.setattr(fetching, "MAX_BYTES", 100_000)
    server = http_server(huge)
    try:
        with override_settings(EVENTS_FETCH_ALLOWED_HOSTS=["localhost"]):
            refused(f"http://localhost:{server.server_port}/")
    finally:
        server.shutdown()


def test_time_is_capped_for_the_whole_download(monkeypatch):
    import time

    def trickle(handler):
        handler.send_response(200)
        handler.end_headers()
        for _ in range(50):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.1)

    monkeypatch.setattr(fetching, "TIMEOUT", 1)
    monkeypatch.setattr(fetching, "CHUNK", 1)
    server = http_server(trickle)
    started = time.monotonic()
    try:
        with override_settings(EVENTS_FETCH_ALLOWED_HOSTS=["localhost"]):
            refused(f"http://localhost:{server.server_port}/")
    finally:
        server.shutdown()
    assert time.monotonic() - started < 3


def test_connects_to_the_address_that_was_checked(monkeypatch):
    """DNS rebinding: a second lookup could answer 127.0.0.1; there is no second lookup."""
    lookups, connected = [], []
    public = (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", 80))
    rebound = (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80))

    def getaddrinfo(host, port, *args, **kwargs):
        lookups.append(host)
        return [public] if len(lookups) == 1 else [rebound]

    def open_socket(connection):
        connected.append(connection.address_info[4])
        raise OSError("no network in tests")

    monkeypatch.setattr(fetching.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(fetching._PinnedConnection, "_open_socket", open_socket)
    refused("http://calendar.partner.example/kalender.ics")
    assert lookups == ["calendar.partner.example"]
    assert connected == [("8.8.8.8", 80)]


def test_a_name_with_one_internal_address_among_public_ones_is_refused(monkeypatch, listener):
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", listener.port)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", listener.port)),
    ]
    monkeypatch.setattr(fetching.socket, "getaddrinfo", lambda *args, **kwargs: answers)
    refused(f"http://mixed.partner.example:{listener.port}/")
    assert listener.connections == 0
