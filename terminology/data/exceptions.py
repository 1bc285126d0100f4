"""Reviewed exceptions to the terminology consistency test (tests/test_terminology_consistency.py).

Each entry: (term key, language code or "*" for all, a substring of the German msgid — or "=" followed by the
whole msgid —, reason).
Add one only where the approved rendering cannot appear — grammar, a different sense of the German word,
or a technical label that must stay as the phone or program shows it — and say which in the reason.
"""

EXCEPTIONS = [
    # Technical identifiers quoted as examples: they are typed exactly like this in every language.
    ("jobcenter", "*", "„jobcenter-musterstadt“", "example of a fixed ASCII short name (slug)"),
    ("sprachkurs", "*", "„sprachkurs“", "example of a filter value in the address (slug)"),
    ("jobcenter", "*", "Sprungmarke im Glossar, z. B. „jobcenter“", "example of a glossary anchor (the term's key)"),
    # The termbase's own help text quotes German surface forms, which editors type as they occur in German texts.
    ("jobcenter", "*", "(z. B. „Jobcenter“, „Jobcenters“)", "German forms quoted as examples of the field's content"),
    ("veranstaltungskalender", "fr", "Mit Google Kalender:", "Google’s French product name is “Google Agenda”"),
    # The network's own name stays as it is written (it is a name, like a company name); the word Migration in
    # running text is checked as usual.
    ("migration", "*", "=AK Migration Hochrhein", "name of the network"),
    ("migration", "*", "„AK Migration Lörrach“", "example of a menu name, quoted as written"),
    ("landkreis-loerrach", "*", "„AK Migration Lörrach“", "example of a menu name, quoted as written"),
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
