"""Calling a WSGI application directly, as gunicorn would (for the page cache's WSGI layer)."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory


def call(app, url, method="get", **headers):
    """``(status, {lower-case header: [values]}, body)`` of one request through ``app``."""
    environ = getattr(RequestFactory(), method)(url, **headers).environ
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"] = int(status.split()[0])
        captured["headers"] = response_headers

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    found = {}
    for name, value in captured["headers"]:
        found.setdefault(name.lower(), []).append(value)
    return captured["status"], found, body


def header(headers, name):
    return (headers.get(name.lower()) or [None])[0]


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
