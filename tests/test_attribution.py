"""According to whom: speakers, their kind, the outlet that relays them. Sentences written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from dateline.article import Article

# (text, words of the speaker or None, speaker_type, outlet that relays it or None)
CASES = [
    ("A source told Al-Sumaria News that militants had fled the town.", "source", "anonymous", "Al-Sumaria News"),
    ("Police said three people were arrested in the raid.", "Police", "official_unnamed", None),
    ("Interior Minister Ahmed Salem said the border would reopen on Sunday.", "Ahmed Salem", "named_person", None),
    ("The United Nations said aid convoys had reached the city.", "United Nations", "named_organization", None),
    ("Reuters reported that the talks had collapsed.", "Reuters", "media", "Reuters"),
    ("According to Reuters, the talks collapsed on Friday.", "Reuters", "media", "Reuters"),
    ("According to a police spokesman, two soldiers were wounded.", "spokesman", "official_unnamed", None),
    ("According to witnesses, the gunmen fled on motorbikes.", "witnesses", "anonymous", None),
    ("A security official, who spoke on condition of anonymity, told AFP that the convoy was ambushed.",
     "official", "official_unnamed", "Agence France-Presse"),
    ("AFP, citing a source in the ministry, said the minister had resigned.", "source", "anonymous",
     "Agence France-Presse"),
    ("The army denied that its soldiers had opened fire on civilians.", "army", "official_unnamed", None),
    ("Witnesses told the BBC that the building collapsed after the strike.", "Witnesses", "anonymous", "BBC"),
    ("State television reported that the president had left the country.", "State television", "media",
     "State television"),
    ("Residents said the water supply had been cut for three days.", "Residents", "anonymous", None),
    ("The rebels claimed they had captured the airport.", "rebels", "official_unnamed", None),
    ("Hamas said in a statement that it would release two hostages.", "Hamas", "named_organization", None),
    ("Governor Ali Hassan visited the market in Basra. He said the attack was carried out by Islamic State.",
     "Ali Hassan", "named_person", None),
    ("\u201cWe will not leave,\u201d said Fatima Omar, a teacher in the camp.", "Fatima Omar", "named_person", None),
    ("\u201cThe situation is catastrophic,\u201d a UN spokesperson told reporters.", "spokesperson", "official_unnamed",
     "reporters"),
    ("The Syrian Observatory for Human Rights said 14 fighters were killed.", "Syrian Observatory",
     "named_organization", None),
    ("Officials said the fire was started by a short circuit.", "Officials", "official_unnamed", None),
    ("A spokesman for the Houthis said the drone had hit its target.", "spokesman", "official_unnamed", None),
    ("Local media reported that the bridge had been destroyed.", "Local media", "media", "Local media"),
    ("The ministry confirmed that two journalists had been detained.", "ministry", "official_unnamed", None),
    ("Kurdish officials told Rudaw that the checkpoint had been attacked.", "officials", "official_unnamed", "Rudaw"),
    ("Xinhua reported that heavy rain had flooded the province.", "Xinhua", "media", "Xinhua"),
    ("I saw the soldiers burning the houses, a farmer told Al Jazeera.", "farmer", "anonymous", "Al Jazeera"),
    ("President Emmanuel Macron said France would send more aid.", "Emmanuel Macron", "named_person", None),
    ("The Pentagon denied reports that its aircraft had struck a hospital.", "Pentagon", "named_organization", None),
    ("According to Amnesty International, dozens of protesters were detained.", "Amnesty International",
     "named_organization", None),
    ("Doctors at the hospital said they had received 15 bodies.", "Doctors", "anonymous", None),
    ("An aide to the prime minister told the Associated Press that the cabinet would meet on Monday.", "aide",
     "official_unnamed", "Associated Press"),
]


@pytest.mark.parametrize("text,speaker,kind,via", CASES)
def test_attribution_cases(pipeline, text, speaker, kind, via):
    result = pipeline(Article(doc_id="a", text=text, published=dt.date(2024, 5, 20)))
    found = [(q.speaker, q.speaker_type, q.via) for q in result.quotes]
    assert any(s is not None and speaker.lower() in s.lower() and k == kind and v == via for s, k, v in found), found


def test_attribution_table_covers_every_kind_of_speaker_relayed_and_not():
    assert {kind for _, _, kind, _ in CASES} == {"anonymous", "official_unnamed", "named_person",
                                                  "named_organization", "media"}
    relayed = {kind for _, _, kind, via in CASES if via is not None}
    assert {"anonymous", "official_unnamed", "media"} <= relayed  # an outlet relaying a source, and reporting
    texts = [text for text, *_ in CASES]
    assert len(texts) == len(set(texts))  # no sentence counted twice


def test_attribution_event_status_follows_the_reporting_verb(pipeline):
    result = pipeline(Article(doc_id="d", text="The army denied that its soldiers had shelled the village of Tal "
                                               "Abyad on Sunday.", published=dt.date(2024, 5, 20)))
    shelling = next(e for e in result.events if e.type == "ASSAULT")
    assert shelling.status == "denied" and shelling.acled_event_type is None
    assert shelling.attribution.verb == "deny"


def test_attribution_pronoun_with_no_subject_does_not_break_the_article(pipeline):
    # "according to it": a reporting phrase whose speaker is a pronoun and whose verb has no subject
    result = pipeline(Article(doc_id="p", text=(
        "The ministry issued a decree on the new border guard service. According to it, the service takes its "
        "orders directly from the general staff, the ministry said.")))
    assert result.error is None
