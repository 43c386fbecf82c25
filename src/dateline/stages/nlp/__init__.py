"""Sentences, tokens, tags, dependencies and named entities from spaCy's English model."""
from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from ..base import Document, stage
from .headlines import HeadlineView, original_doc, view_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...resources import Resources

# a wire dateline opening a line: "KIRKUK, Iraq, Jan 16 (Reuters) - ", "BAGHDAD (AP) — ", "Mogadishu, 14 March -"
DATELINE = re.compile(r"^[ \t]*([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})(?:, [^\n–—]{1,40}?)?[ \t]*"
                      r"(?:\([A-Z][\w .]{1,20}\)[ \t]*)?[-–—]{1,2}[ \t]+", re.MULTILINE)
DATELINE_REACH = 1500  # characters from the start a dateline may open (after a headline and a byline)
BIG_PLACE = 20_000  # a place this big keeps its capital in a Title Case headline ("Kirkuk", "Maiduguri")
HUGE_PLACE = 1_000_000  # ... or this big when its name is also a verb or an adjective ("Man", "Police")


@stage("nlp", requires=("article",), assigns=("doc",))
class SpacyStage:
    """Runs the spaCy model. Batched: `pipe` hands the texts to `nlp.pipe` together. A Title Case headline or
    the acronym IS is read through a view (stages/nlp/headlines.py)."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.nlp = resources.nlp

    @cached_property
    def view(self) -> HeadlineView:
        resources = self.resources
        actors, gazetteer = resources.actors, resources.gazetteer

        def proper(name: str) -> bool:
            # a word that is also a verb or an adjective must be a very big place to keep its capital: "Man" is a
            # city of 240,000 in Ivory Coast, but "Grand Jury Indicts Man" means a man
            least = HUGE_PLACE if resources.describes(name) else BIG_PLACE
            return bool(actors.lookup(name) or actors.demonym(name) or gazetteer.country_code(name) or any(
                p.population >= least or p.feature_code in ("PCLI", "ADM1") for p in gazetteer.candidates(name)))

        triggers = [t for group in resources.lexicon.by_first.values() for t in group]
        verbs = {t.lemmas[0] for t in triggers if len(t.lemmas) == 1 and t.pos in ("VERB", "any")}
        compounds = {(t.lemmas[0], t.lemmas[-1]) for t in triggers if len(t.lemmas) > 1 and t.pos == "NOUN"}
        return HeadlineView(resources.word_classes.keys(), proper, resources.describes, event_verbs=verbs,
                            compounds=compounds)

    def _placed(self, dateline: re.Match[str]) -> bool:
        """A dateline names a place, not a group: "BAGHDAD (AP) —", not "Islamic State - a history"."""
        name = dateline.group(1)
        return bool(self.resources.gazetteer.candidates(name)) and not self.resources.actors.lookup(name)

    def __call__(self, document: Document) -> Document:
        return self.pipe([document], batch_size=1)[0]

    def pipe(self, documents: list[Document], batch_size: int) -> list[Document]:
        inputs: list[str | Doc] = []
        tokens: dict[int, Doc] = {}  # the original words of a text read through a view
        starts: dict[int, set[int]] = {}
        for number, document in enumerate(documents):
            text = document.article.text
            rewrite = self.view.needed(text)
            datelines = [m for m in DATELINE.finditer(text, 0, min(len(text), DATELINE_REACH)) if self._placed(m)]
            if not rewrite and "\n" not in text and not datelines:
                inputs.append(text)
                continue
            doc = self.nlp.tokenizer(text)
            words = self.view.words(doc) if rewrite else None
            starts[number] = (line_starts(doc) if "\n" in text else set()) | _starts_after(doc, datelines)
            if words is None:
                for i in starts[number]:
                    doc[i].is_sent_start = True
                inputs.append(doc)
            else:
                tokens[number] = doc
                inputs.append(view_doc(self.nlp.vocab, doc, words, starts[number]))
        parsed = list(self.nlp.pipe(inputs, batch_size=batch_size))
        again: dict[int, Doc] = {}  # a verbless headline read again with its verb shown as one
        for number, doc in enumerate(parsed):
            verbs = self.view.verbs(doc)
            if verbs:
                words = [verbs.get(t.i, t.text) for t in doc]
                original = tokens.setdefault(number, doc)
                again[number] = view_doc(self.nlp.vocab, original, words, starts.get(number, ()))
        for number, doc in zip(again, self.nlp.pipe(again.values(), batch_size=batch_size), strict=True):
            parsed[number] = doc
        for number, doc in enumerate(parsed):
            documents[number].doc = original_doc(tokens[number], doc) if number in tokens else doc
        return documents


def _starts_after(doc: Doc, datelines: list[re.Match[str]]) -> set[int]:
    """The first word after each dateline begins a sentence: "BAGHDAD (AP) — A car bomb..." is no subject."""
    ends = {m.end() for m in datelines}
    return {t.i for t in doc if t.idx in ends and t.i > 0}


def line_starts(tokens: Doc) -> set[int]:
    """Tokens that begin a line the parser must not join to the one before: a headline has no full stop, so
    "Gunmen kill five in Kirkuk\nPolice said..." would be read as one sentence. A blank line always ends a
    sentence; a single line break does too, unless the text is hard-wrapped (a line that goes on in lower
    case after a word or a comma: there a line break is only a space)."""
    breaks = [t.i for t in tokens if t.is_space and "\n" in t.text and 0 < t.i < len(tokens) - 1]
    wrapped = any(tokens[i].text.count("\n") == 1 and tokens[i + 1].text[:1].islower()
                  and (tokens[i - 1].is_alpha or tokens[i - 1].text == ",") for i in breaks)
    return {i + 1 for i in breaks if not wrapped or tokens[i].text.count("\n") > 1}
