"""Reviewed exceptions to the terminology consistency test (tests/test_terminology_consistency.py).

Each entry: (term key, language code or "*" for all, a substring of the German msgid, reason).
Add one only where the approved rendering cannot appear — grammar, a different sense of the German word,
or a technical label that must stay as the phone or program shows it — and say which in the reason.
"""

EXCEPTIONS = [
    # "Anmeldung" on this site also means logging in to the editors' area; that sense is not the event
    # registration of the termbase entry "anmeldung-veranstaltung".
    ("anmeldung-veranstaltung", "*", "Zwei-Faktor-Anmeldung", "login, not event registration"),
    ("anmeldung-veranstaltung", "*", "Anmeldung bestätigen", "login, not event registration"),
    ("anmeldung-veranstaltung", "*", "Anmeldung für Redaktion", "login, not event registration"),
    ("anmeldung-veranstaltung", "*", "Anmeldung vorübergehend gesperrt", "login, not event registration"),
    ("anmeldung-veranstaltung", "*", "die Anmeldung für dieses Konto", "login, not event registration"),
    ("anmeldung-veranstaltung", "*", "Anmeldung zusätzlich mit einem Code", "login, not event registration"),
    ("anmeldung-veranstaltung", "*", "Anmeldung ohne Telefon", "login, not event registration"),
    ("anmeldung-veranstaltung", "*", "Hält die Anmeldung der Redaktion", "login session cookie"),
]
