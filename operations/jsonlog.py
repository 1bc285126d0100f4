"""Structured logs: one JSON object per line, for journald, Docker or a log collector.

Standard library only. Fields: time (UTC, ISO 8601), level, logger, message, and for request
logs the method, path and status; exceptions as one ``exc`` string. Request bodies, cookies
and headers are never written.
"""

import json
import logging
from datetime import UTC, datetime

REQUEST_FIELDS = ("method", "path", "status_code")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        if hasattr(record, "status_code"):
            entry["status_code"] = record.status_code
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
