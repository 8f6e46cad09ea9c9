"""Finding measures by the words a visitor searches for, in their names, codes, descriptions and
topics; a search that finds none is tried again with its misspelt words respelt."""

import difflib
from dataclasses import dataclass, field

# A search for measures that finds none is tried again with each word that no measure holds
# respelt as the measures' word most like it: one with the same first letter (people seldom
# mistype it) and this alike (difflib's ratio), for words this long or longer, at most this
# many of them. Looser, 'surrey' became 'survey' and 'update' became 'date'.
RESPELL_LIKENESS = 0.85
RESPELL_SHORTEST = 5
RESPELL_MOST_WORDS = 3


def _matches(measure, words):
    """Whether every word searched for is in the measure's name, code, description or topic."""
    return all(word in measure.searched_text for word in words)


def respelt(words, reference):
    """``words`` with each that no measure holds replaced by the measures' word spelt most like
    it ('placments' → 'placements'), or None when every word is held, when too many are not,
    or when one is like no word of theirs."""
    unknown = [w for w in words if not any(w in m.searched_text for m in reference.measures)]
    if not unknown or len(unknown) > RESPELL_MOST_WORDS:
        return None
    spelt = {}
    for word in unknown:
        if len(word) < RESPELL_SHORTEST:
            return None
        candidates = reference.vocabulary.get(word[0], [])
        alike = difflib.get_close_matches(word, candidates, n=1, cutoff=RESPELL_LIKENESS)
        if not alike:
            return None
        spelt[word] = alike[0]
    return [spelt.get(word, word) for word in words]


@dataclass
class Found:
    """The measures a search found; when its words had to be respelt, the note saying so; and
    for the site's search, the first few as listings."""

    measures: list
    respelling_note: str = ""
    listings: list = field(default_factory=list)


def find_measures(reference, words, topic="", respell=True):
    """The measures (of ``topic``, or all) holding every word searched for; when those find
    none and ``respell``, the measures holding the words respelt (``respelt``)."""
    measures = [m for m in reference.measures if not topic or m.topic == topic]
    found = [m for m in measures if _matches(m, words)]
    if not found and words and respell and (respelling := respelt(words, reference)):
        found = [m for m in measures if _matches(m, respelling)]
        if found:
            note = (
                f"No measures match ‘{' '.join(words)}’. These match ‘{' '.join(respelling)}’, "
                "the closest spelling."
            )
            return Found(found, note)
    return Found(found)
