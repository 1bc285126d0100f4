"""schema.org for the structured-data tests, without the network.

The JSON-LD context is the vocabulary mapping of schema.org's own context (``tests/data``); the terms
(types, their properties with inheritance, enumeration members) come from schema-dts, Google's typings
of the current schema.org release (npm, ``tests/js/package.json``), read from its ``schema.d.ts``.
"""

import json
import re
from functools import cache
from pathlib import Path

from pyld import jsonld

from tests.js_readers import FOLDER, ensure_installed

CONTEXT = Path(__file__).parent / "data" / "schemaorg-context.jsonld"
PREFIXES = ("http://schema.org/", "https://schema.org/")
INTERFACE = re.compile(r"^(?:export )?interface (\w+) extends (.+) \{$")
PROPERTY = re.compile(r'^\s+"([\w@]+)"\??:')


def local_loader(url, options=None):
    """pyld's document loader: schema.org's context from the file, anything else refused."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": json.loads(CONTEXT.read_text())}


def expand(data):
    return jsonld.expand(data, {"documentLoader": local_loader})


@cache
def vocabulary():
    """``(properties by type, enumeration members)`` from schema-dts."""
    ensure_installed()
    text = (FOLDER / "node_modules" / "schema-dts" / "dist" / "schema.d.ts").read_text()
    parents, own, leaf_type, current = {}, {}, {}, None
    for line in text.splitlines():
        match = INTERFACE.match(line)
        if match:
            current = match[1]
            parents[current] = [name.strip() for name in match[2].split(",")]
            own[current] = set()
            continue
        if current is None:
            continue
        if line.startswith("}"):
            current = None
            continue
        found = PROPERTY.match(line)
        if found:
            own[current].add(found[1])
            if found[1] == "@type":
                type_name = re.search(r'"@type": "(\w+)"', line)
                if type_name:
                    leaf_type[type_name[1]] = current

    def all_properties(name):
        names = set(own.get(name, ()))
        for parent in parents.get(name, ()):
            names |= all_properties(parent)
        return names

    properties = {type_name: all_properties(interface) - {"@type"} for type_name, interface in leaf_type.items()}
    members = set(re.findall(r'"https://schema\.org/(\w+)"', text))
    return properties, members


def term(iri):
    for prefix in PREFIXES:
        if iri.startswith(prefix):
            return iri[len(prefix):]
    return None


def problems(expanded):
    """Every type, property or enumeration value in ``expanded`` that schema.org does not have."""
    properties, members = vocabulary()
    found = []

    def walk(node, path):
        if isinstance(node, list):
            for item in node:
                walk(item, path)
            return
        if not isinstance(node, dict):
            return
        if "@value" in node:
            value = node["@value"]
            if isinstance(value, str) and term(value) is not None and term(value) not in members:
                found.append(f"{path}: unknown value {value}")
            return
        types = [term(item) for item in node.get("@type", [])]
        for name in types:
            if name not in properties:
                found.append(f"{path}: unknown type {name}")
        allowed = set().union(*(properties.get(name, set()) for name in types)) if types else None
        for key, value in node.items():
            if key.startswith("@"):
                continue
            name = term(key)
            if name is None:
                found.append(f"{path}: {key} is not a schema.org term")
            elif allowed is not None and name not in allowed:
                found.append(f"{path}: {name} is not a property of {types}")
            walk(value, f"{path}.{name}")

    walk(expanded, "$")
    return found
