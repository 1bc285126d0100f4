"""The working groups' own German description (``seed_de.txt``), split into the parts the pages show.

The text is kept verbatim; every sentence on the working-group pages comes from here.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SEED_FILE = Path(__file__).with_name("seed_de.txt")
WALDSHUT_LABEL = "Ausgangspunkt, Ziel(e) und Zielgruppe: "


def split_sentences(paragraph):
    """Split a paragraph at sentence ends, keeping the full stop (the seed uses no abbreviations with one, except 'bzw.')."""
    sentences, current = [], ""
    for word in paragraph.split(" "):
        current = f"{current} {word}".strip()
        if word.endswith(".") and word != "bzw.":
            sentences.append(current)
            current = ""
    if current:
        sentences.append(current)
    return sentences


def split_members(paragraph):
    return [name.strip() for name in paragraph.rstrip(".").split(", ")]


@dataclass
class WorkingGroupSeed:
    slug: str
    title: str
    short_name: str
    founded: str
    county: str
    intro: list[str]
    background: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


@dataclass
class Seed:
    network: list[str]
    loerrach: WorkingGroupSeed
    waldshut: WorkingGroupSeed
    project_group: WorkingGroupSeed

    @property
    def working_groups(self):
        return [self.loerrach, self.waldshut, self.project_group]


@cache
def load_seed():
    paragraphs = [line.strip() for line in SEED_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    project, law, loerrach_text, loerrach_members, waldshut_goals, waldshut_forum, waldshut_members = paragraphs
    project_sentences = split_sentences(project)
    loerrach_sentences = split_sentences(loerrach_text)
    waldshut_sentences = split_sentences(waldshut_goals.removeprefix(WALDSHUT_LABEL))
    return Seed(
        network=project_sentences,
        loerrach=WorkingGroupSeed(
            slug="ak-migration-loerrach",
            title="Arbeitskreis Migration des Landkreises Lörrach",
            short_name="AK Migration Lörrach",
            founded="Anfang 2005",
            county="loerrach",
            intro=loerrach_sentences[:1],
            background=split_sentences(law),
            goals=loerrach_sentences[1:],
            members=split_members(loerrach_members),
        ),
        waldshut=WorkingGroupSeed(
            slug="ak-migration-waldshut",
            title="Arbeitskreis Migration des Landkreises Waldshut",
            short_name="AK Migration Waldshut",
            founded="vor fast 20 Jahren",
            county="waldshut",
            intro=split_sentences(waldshut_forum),
            background=waldshut_sentences[:1],
            goals=waldshut_sentences[1:],
            members=split_members(waldshut_members),
        ),
        project_group=WorkingGroupSeed(
            slug="projektgruppe-arbeitsmarktliche-integration",
            title="Projektgruppe „arbeitsmarktliche Integration von Migrantinnen und Migranten“",
            short_name="Projektgruppe Arbeitsmarkt",
            founded="Dezember 2013",
            county="both",
            intro=project_sentences[:1],
            goals=project_sentences[1:],
            members=[
                "Arbeitskreis Migration des Landkreises Waldshut",
                "Arbeitskreis (AK) der Migration des Landkreises Lörrach",
            ],
        ),
    )
