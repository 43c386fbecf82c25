"""Sentences, tokens, tags, dependencies and named entities from spaCy's English model."""
from __future__ import annotations

from functools import cached_property

from . import Document, stage
from .headlines import HeadlineView, original_doc, view_doc

BIG_PLACE = 20_000  # a place this big keeps its capital in a Title Case headline ("Kirkuk", "Maiduguri")
HUGE_PLACE = 1_000_000  # ... or this big when its name is also a verb or an adjective ("Man", "Police")


@stage("nlp", requires=("article",), assigns=("doc",))
class SpacyStage:
    """Runs the spaCy model. Batched: `pipe` hands the texts to `nlp.pipe` together. A Title Case headline or
    the acronym IS is read through a view (stages/headlines.py)."""

    def __init__(self, resources):
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

        return HeadlineView(resources.word_classes.keys(), proper)

    def __call__(self, document: Document) -> Document:
        return self.pipe([document], batch_size=1)[0]

    def pipe(self, documents: list[Document], batch_size: int) -> list[Document]:
        inputs, tokens = [], {}
        for number, document in enumerate(documents):
            text = document.article.text
            words = None
            if self.view.needed(text):
                tokens[number] = self.nlp.tokenizer(text)
                words = self.view.words(tokens[number])
            inputs.append(text if words is None else view_doc(self.nlp.vocab, tokens[number], words))
        for number, doc in enumerate(self.nlp.pipe(inputs, batch_size=batch_size)):
            documents[number].doc = original_doc(tokens[number], doc) if not isinstance(inputs[number], str) else doc
        return documents
