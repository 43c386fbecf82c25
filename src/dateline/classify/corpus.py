"""The training corpus: labelled sentences and short passages in our own words (training/corpus/*.jsonl,
described in training/DATASHEET.md). Read, checked, freed of near-duplicates, split once and for all."""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..consolidate.dedup import resemblance, sketch
from ..errors import ModelError

ACLED = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
EVENT_TYPE = {sub: kind for kind, subs in ACLED.items() for sub in subs}  # sub-event type -> event type
SUB_EVENTS = tuple(EVENT_TYPE)
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("happened", "claimed", "denied", "planned", "hypothetical", "historical")
REAL = ("happened", "claimed")  # an event that these statuses give is coded; the others are not (yet) events
GENRES = ("headline", "wire_lead", "body", "quote", "note", "passage")
FIELDS = frozenset({"text", "context", "acled", "plover", "status", "genre", "country", "topic"})
NEAR_DUPLICATE = 0.5  # word 5-shingle resemblance at which two examples count as one
TEST_SHARE = 15  # percent of examples held back for testing, chosen by a hash of the text


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    context: str
    acled: str | None
    plover: str | None
    status: str | None
    genre: str
    country: str
    topic: str
    origin: str  # file:line

    @property
    def is_event(self) -> bool:
        """An ACLED-scope event that happened (or is claimed to have): what the event head learns."""
        return self.acled is not None and self.status in REAL

    @property
    def held_out(self) -> bool:
        """In our own test split (never trained on): by a hash of the text, so the split never moves."""
        return int(hashlib.sha1(self.text.encode("utf-8")).hexdigest(), 16) % 100 < TEST_SHARE


def problems(record: object) -> list[str]:
    """What is wrong with one record of the corpus (empty when nothing is)."""
    if not isinstance(record, dict):
        return ["not a JSON object"]
    found = []
    if set(record) != FIELDS:
        found.append(f"fields {sorted(set(record) ^ FIELDS)} differ from {sorted(FIELDS)}")
    text = record.get("text")
    if not isinstance(text, str) or len(text.split()) < 3:
        found.append("text missing or under 3 words")
    if not isinstance(record.get("context"), str):
        found.append('context must be a string ("" for none)')
    if record.get("acled") is not None and record.get("acled") not in EVENT_TYPE:
        found.append(f"unknown ACLED sub-event type {record.get('acled')!r}")
    if record.get("plover") is not None and record.get("plover") not in PLOVER:
        found.append(f"unknown PLOVER type {record.get('plover')!r}")
    has_event = record.get("acled") is not None or record.get("plover") is not None
    if has_event and record.get("status") not in STATUSES:
        found.append(f"status {record.get('status')!r} must be one of {', '.join(STATUSES)} for an event")
    if not has_event and record.get("status") is not None:
        found.append("status must be null when acled and plover are both null")
    if record.get("genre") not in GENRES:
        found.append(f"genre {record.get('genre')!r} is not one of {', '.join(GENRES)}")
    country = record.get("country")
    if not isinstance(country, str) or not (country == "" or (len(country) == 2 and country.isalpha()
                                                                and country.isupper())):
        found.append('country must be an ISO 3166 alpha-2 code in capitals, or ""')
    if not isinstance(record.get("topic"), str) or not record.get("topic"):
        found.append("topic must be a short non-empty string")
    return found


def _records(path: str | Path) -> Iterator[tuple[str, Any]]:
    """(origin, the record or the JSON error) of each non-empty line of a corpus file."""
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield f"{path.name}:{number}", json.loads(line)
                except json.JSONDecodeError as error:
                    yield f"{path.name}:{number}", error


def read(paths: Iterable[str | Path]) -> list[Example]:
    """Every example of the given files, in order; a malformed line raises ModelError naming it."""
    examples = []
    for path in sorted(Path(p) for p in paths):
        for origin, record in _records(path):
            wrong = [f"not JSON ({record})"] if isinstance(record, json.JSONDecodeError) else problems(record)
            if wrong:
                raise ModelError(f"{origin}: {'; '.join(wrong)}", code="E603")
            examples.append(Example(**{k: record[k] for k in FIELDS}, origin=origin))
    return examples


def files(folder: str | Path) -> list[Path]:
    found = sorted(Path(folder).glob("*.jsonl"))
    if not found:
        raise ModelError(f"no training files (*.jsonl) in {folder}", code="E604")
    return found


def deduplicate(examples: list[Example]) -> tuple[list[Example], list[tuple[Example, Example]]]:
    """The examples with near-duplicates removed (the project's own MinHash sketches), and the pairs
    (removed, kept) that were judged the same."""
    kept: list[Example] = []
    removed: list[tuple[Example, Example]] = []
    sketches: list[tuple[int, ...]] = []
    index: dict[int, list[int]] = defaultdict(list)
    for example in examples:
        mine = sketch(example.text)
        candidates = {i for value in mine for i in index.get(value, ())}
        twin = next((i for i in sorted(candidates) if resemblance(mine, sketches[i]) >= NEAR_DUPLICATE), None)
        if twin is not None:
            removed.append((example, kept[twin]))
            continue
        for value in mine:
            index[value].append(len(kept))
        kept.append(example)
        sketches.append(mine)
    return kept, removed


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """(train, test): our own test split, held back from training."""
    return [e for e in examples if not e.held_out], [e for e in examples if e.held_out]


def main(argv: list[str] | None = None) -> int:
    """`python -m dateline.classify.corpus FILE...`: every problem with its file and line, then the count of
    each label; exit status 1 when a line is wrong."""
    import sys
    from collections import Counter

    bad = 0
    counts: Counter[str] = Counter()
    for path in argv if argv is not None else sys.argv[1:]:
        for origin, record in _records(path):
            wrong = [f"not JSON ({record})"] if isinstance(record, json.JSONDecodeError) else problems(record)
            for problem in wrong:
                print(f"{origin}: {problem}")
            bad += len(wrong)
            if isinstance(record, dict):
                plover = f"PLOVER {record['plover']}" if record.get("plover") else "no event"
                counts[record.get("acled") or plover] += 1
    for label, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
        print(f"{n:6d}  {label}")
    print(f"{sum(counts.values())} records, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
