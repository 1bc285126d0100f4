"""What the demo load is doing, line by line, so ``make run`` is never silent for long.

Each long step prints one German line when it is done: what was created, in which language,
how many, and how long it took („Übersetzungen (en): 29 Seiten, 1 Hauptmenü, … (10,8 s)").
With ``-v0`` nothing is printed.
"""

import time

from django.core.management.base import OutputWrapper


def seconds(value):
    return f"{value:.1f}".replace(".", ",") + " s"


def counted(number, singular, plural):
    return f"{number} {singular if number == 1 else plural}"


class Progress:
    def __init__(self, stdout=None, verbosity=1):
        if stdout is not None and not isinstance(stdout, OutputWrapper):
            stdout = OutputWrapper(stdout)  # one line per write, like a management command's stdout
        self.stdout = stdout if verbosity > 0 else None
        self.started = self.step_started = time.monotonic()

    def say(self, text):
        """Print ``text`` as it is (a heading before the steps)."""
        if self.stdout is not None:
            self.stdout.write(text)
            self.stdout.flush()

    def line(self, text):
        """Print ``text`` with the seconds since the last line; the next step's time starts now."""
        now = time.monotonic()
        if self.stdout is not None:
            self.stdout.write(f"{text} ({seconds(now - self.step_started)})")
            self.stdout.flush()
        self.step_started = now

    def total(self):
        return time.monotonic() - self.started


QUIET = Progress()
