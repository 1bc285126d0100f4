"""Load a partner's calendar from an address an editor typed in, without reaching internal hosts.

An address is a request the *server* makes, so a careless fetch lets any editor
probe the server's own network (server-side request forgery): the site itself on
127.0.0.1, a Redis on localhost, cloud metadata on 169.254.169.254, or any of
those behind a redirect from a harmless host. Here:

- the host name is resolved once and every address it resolves to must be a
  public one (no loopback, private, shared, link-local, multicast, reserved or
  unspecified address, IPv4 or IPv6, including IPv4-mapped/compatible, 6to4 and
  Teredo forms); the connection then goes to exactly that checked address (the
  TLS certificate is still checked against the host name), so a second DNS
  answer cannot swap in an internal address ("DNS rebinding");
- redirects are followed by hand, at most ``MAX_REDIRECTS``, each target checked
  like the first address;
- the answer is capped in size (``MAX_BYTES``) and in time (``TIMEOUT`` for the
  whole download, not only per socket operation);
- every refusal and every network failure gives the same German message, so the
  import cannot be used to tell closed ports from filtered or internal hosts.

``EVENTS_FETCH_ALLOWED_HOSTS`` names hosts that may be internal anyway (e.g. a
partner's calendar server in the same private network); nothing else is.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _

from .conf import setting

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15
MAX_REDIRECTS = 3
CHUNK = 64 * 1024
SCHEMES = {"http": 80, "https": 443}


class FetchRefused(Exception):
    """The address was refused or could not be loaded; ``str()`` is the one German message for all cases."""

    def __init__(self):
        super().__init__(
            _(
                "Der Kalender konnte von dieser Adresse nicht geladen werden. Bitte prüfen Sie die Adresse "
                "oder laden Sie die Datei herunter und wählen Sie sie hier aus."
            )
        )


def allowed_internal_hosts():
    return {name.strip().lower().rstrip(".") for name in setting("EVENTS_FETCH_ALLOWED_HOSTS") if name}


def is_public(address):
    """Whether ``address`` (an ``ipaddress`` object) is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # ::ffff:a.b.c.d is a.b.c.d
            return is_public(address.ipv4_mapped)
        embedded = address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is None and address.packed[:12] == bytes(12):  # IPv4-compatible ::a.b.c.d
            embedded = ipaddress.IPv4Address(address.packed[12:])
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def resolve(host, port):
    """The one address to connect to for ``host``: every address it resolves to must be public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchRefused() from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchRefused()
    if host.lower().rstrip(".") not in allowed_internal_hosts() and not all(is_public(a) for a in addresses):
        raise FetchRefused()
    return infos[0]


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP connection to an address chosen beforehand (the ``Host`` header still names the host)."""

    def __init__(self, host, port, address_info, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address_info = address_info

    def _open_socket(self):
        family, socktype, proto, _canonname, sockaddr = self.address_info
        sock = socket.socket(family, socktype, proto)
        sock.settimeout(self.timeout)
        try:
            sock.connect(sockaddr)
        except OSError:
            sock.close()
            raise
        return sock

    def connect(self):
        self.sock = self._open_socket()


class _PinnedTLSConnection(_PinnedConnection):
    def connect(self):
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self._open_socket(), server_hostname=self.host)


def _get(url, deadline):
    """One GET of ``url``: (status, location header, body); the address is checked before connecting."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES or not parts.hostname or parts.username or parts.password:
        raise FetchRefused()
    try:
        port = parts.port or SCHEMES[scheme]
    except ValueError as error:
        raise FetchRefused() from error
    address_info = resolve(parts.hostname, port)
    connection_class = _PinnedTLSConnection if scheme == "https" else _PinnedConnection
    remaining = max(deadline - time.monotonic(), 0.1)
    connection = connection_class(parts.hostname, port, address_info, timeout=remaining)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("GET", path, headers={"User-Agent": "wagtail-eventcalendar import", "Accept": "text/calendar, */*"})
        response = connection.getresponse()
        if 300 <= response.status < 400:
            location = response.getheader("Location")
            if not location:
                raise FetchRefused()
            return response.status, location, b""
        if response.status != 200:
            raise FetchRefused()
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > MAX_BYTES:
            raise FetchRefused()
        body = bytearray()
        while True:
            if time.monotonic() > deadline:
                raise FetchRefused()
            chunk = response.read(CHUNK)
            if not chunk:
                break
            body += chunk
            if len(body) > MAX_BYTES:
                raise FetchRefused()
        return response.status, None, bytes(body)
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise FetchRefused() from error
    finally:
        connection.close()


def fetch(url):
    """The body at ``url`` (``webcal://`` is read as ``https://``), or ``FetchRefused``."""
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://"):]
    deadline = time.monotonic() + TIMEOUT
    for _attempt in range(MAX_REDIRECTS + 1):
        status, location, body = _get(url, deadline)
        if location is None:
            return body
        url = urljoin(url, location)
    raise FetchRefused()
