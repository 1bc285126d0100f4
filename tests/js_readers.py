"""Independent readers that run under node (ical.js), installed from ``tests/js/package-lock.json``.

ical.js is the iCalendar parser inside Thunderbird and many web calendars; the calendar tests
read the site's feeds with it. ``npm ci`` installs the locked version into ``tests/js/node_modules``
(gitignored) the first time a test needs it, so a clean clone works with only node and npm.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

FOLDER = Path(__file__).parent / "js"


def ensure_installed():
    """Skips the calling test when node is missing; installs ical.js once."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for the ical.js reader")
    if not (FOLDER / "node_modules" / "ical.js" / "package.json").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=FOLDER, check=True, timeout=300
        )


def ical_js_occurrences(ics, window_start, window_end):
    """ical.js's expansion of ``ics`` (bytes): ``[(uid, start)]``, start a UTC ISO instant or a date."""
    ensure_installed()
    result = subprocess.run(
        ["node", str(FOLDER / "expand_ics.mjs"), window_start.isoformat(), window_end.isoformat()],
        input=ics, capture_output=True, check=True, timeout=120,
    )
    return [tuple(item) for item in json.loads(result.stdout)]
