"""Who did it: the actor of an event from the clause, in constructions the parse hides it in."""
from __future__ import annotations

import pytest

from dateline.article import Article

CASES = [
    # (text, PLOVER type of the first event, words its actor must contain)
    ("Kenya is ready to send 1,000 police officers to Haiti, the interior minister said.", None, "Kenya"),
    ("The Lake Victoria Fishers Association (LVFA) agreed on Sunday to end its boycott of the markets.",
     "AGREE", "Lake Victoria Fishers Association (LVFA)"),  # an acronym keeps its long form
    ("Turkey on Monday reimposed a curfew in the town of Cizre after clashes.", None, "Turkey"),
    ("The teachers' union continued its strike on Tuesday, closing schools across the province.", "PROTEST",
     "teachers"),
    ("Two Somali gunmen opened fire on a bus near Mandera, killing four passengers.", "ASSAULT", "Somali"),
    ("Sudan flatly rejected an Egyptian ultimatum over the dam on Thursday.", "REJECT", "Sudan"),
]


@pytest.mark.parametrize("text,etype,actor", CASES)
def test_roles_actor_from_the_clause(pipeline, text, etype, actor):
    result = pipeline(Article(doc_id="r", text=text, published="2024-05-20"))
    assert result.events, text
    first = result.events[0]
    if etype:
        assert first.type == etype
    assert first.actor is not None and actor.lower() in f"{first.actor.text} {first.actor.name}".lower(), \
        (first.type, first.actor)
