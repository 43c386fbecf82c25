"""The corpus report `make train` writes (training/REPORT.md): what the corpus holds, how varied it is,
and what the fitted model scores on our own test split."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from . import corpus
from .features import tokens


def distinct_ngrams(examples: list[corpus.Example], n: int) -> tuple[int, int]:
    """(distinct, total) word n-grams over the corpus' texts."""
    seen: Counter = Counter()
    for example in examples:
        words = [w for w in tokens(example.text) if w[0].isalnum()]
        seen.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return len(seen), sum(seen.values())


def _table(title: str, counts: Counter, order: Iterable[str] | None = None) -> list[str]:
    lines = [f"| {title} | examples |", "| --- | ---: |"]
    for key in order or sorted(counts, key=lambda k: (-counts[k], str(k))):
        lines.append(f"| {key} | {counts.get(key, 0)} |")
    return lines + [""]


def corpus_report(examples: list[corpus.Example], removed: list, test: dict) -> str:
    events = sum(e.is_event for e in examples)
    lines = ["# Training corpus report", "", "Written by `make train`; do not edit by hand.", "",
             f"{len(examples)} examples after {len(removed)} near-duplicates were removed "
             f"(word 5-shingle resemblance of at least {corpus.NEAR_DUPLICATE}); {events} report an ACLED-scope "
             f"event that happened, {len(examples) - events} do not (of which "
             f"{sum(e.acled is None for e in examples)} report no ACLED-scope event at all). "
             f"{len({e.country for e in examples if e.country})} countries, "
             f"{len({e.topic for e in examples})} topics. Test split: {test['examples']} examples "
             f"({corpus.TEST_SHARE}% by a hash of the text), never trained on.", ""]
    lines += ["## Diversity", "", "| n | distinct word n-grams | of all | share distinct |",
              "| --- | ---: | ---: | ---: |"]
    for n in (1, 2, 3):
        distinct, total = distinct_ngrams(examples, n)
        lines.append(f"| {n} | {distinct} | {total} | {distinct / max(1, total):.3f} |")
    lines.append("")
    lines += ["## Labels", ""]
    lines += _table("ACLED sub-event type", Counter(e.acled for e in examples if e.acled), list(corpus.SUB_EVENTS))
    lines += _table("PLOVER type", Counter(e.plover for e in examples if e.plover), list(corpus.PLOVER))
    lines += _table("status", Counter(e.status or "(no event)" for e in examples))
    lines += _table("genre", Counter(e.genre for e in examples), list(corpus.GENRES))
    lines += _table("topic (top 30)", Counter(dict(Counter(e.topic for e in examples).most_common(30))))
    lines += ["## Our test split", "",
              f"Event head at the model's threshold: precision {test['event_precision']}, recall "
              f"{test['event_recall']}, non-events rejected {test['non_events_rejected']}; expected calibration "
              f"error {test['ece']}.", "", "| probability | examples | mean probability | share events |",
              "| --- | ---: | ---: | ---: |"]
    lines += [f"| {r['bin']} | {r['n']} | {r['mean_p']} | {r['events']} |" for r in test["reliability"]]
    lines.append("")
    for head in ("acled", "plover", "status"):
        figures = test[head]
        lines += [f"### {head}: accuracy {figures['accuracy']}, macro F1 {figures['macro_f1']}", "",
                  "| label | support | precision | recall | F1 |", "| --- | ---: | ---: | ---: | ---: |"]
        lines += [f"| {label} | {row['support']} | {row['precision']} | {row['recall']} | {row['f1']} |"
                  for label, row in figures["per_class"].items()]
        lines.append("")
    return "\n".join(lines)
