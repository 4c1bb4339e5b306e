"""Tokenizers whose tokens carry normalised text (see `text_normalization.py`).

Offsets stay those of the original text, so entities still line up; only the token text (and
lemma) that the featurizers see is normalised.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.text_normalization import (
    cross_script_skeleton,
    has_arabic_letters,
    is_arabizi,
    join_apostrophe_spans,
    normalize_token,
)

# Key in the parse result (and so in the tracker's latest message) of a message in Arabizi; the
# action server reads it as ARABIZI_KEY (actions/dialogue/base.py) to answer in Arabic.
ARABIZI_PROPERTY = "arabizi"


def _join_apostrophes(tokens: List[Token], text: Text) -> List[Token]:
    spans = join_apostrophe_spans(text, [(t.start, t.end) for t in tokens])
    if len(spans) == len(tokens):
        return tokens
    return [Token(text[start:end].replace("'", "").replace("’", ""), start, end) for start, end in spans]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class NormalizingWhitespaceTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer whose tokens carry script-aware normalised text.

    In Arabic-script and Arabizi messages the lemma of a token is its cross-script consonant
    skeleton ("عندي" and "3ndi" both "3nd"), so that the two ways of writing Arabic share
    features; elsewhere the lemma is empty.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return WhitespaceTokenizer.get_default_config()

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = _join_apostrophes(super().tokenize(message, attribute), message.get(attribute))
        arabizi = is_arabizi([t.text for t in tokens])
        if arabizi and attribute == TEXT:
            # Language identification libraries do not read Arabic in Latin letters; the parse
            # result tells the action server so that the answer comes in Arabic.
            message.set(ARABIZI_PROPERTY, True, add_to_output=True)
        arabic = arabizi or any(has_arabic_letters(t.text) for t in tokens)
        for token in tokens:
            token.text = normalize_token(token.text, arabizi)
            # The lemma carries the skeleton shared by Arabic script and Arabizi (for the
            # featurizer configured with use_lemma); it stays empty in Finnish and English.
            token.lemma = cross_script_skeleton(token.text, arabizi) if arabic else ""
        return tokens


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class NormalizingSpacyTokenizer(SpacyTokenizer):
    """SpacyTokenizer (tokens and lemmas from a spaCy model) with the same normalisation.

    The lemma feeds the count featurizers, so Finnish inflections ("vuokraa", "vuokrat") meet
    at their lemma ("vuokra") while Arabic and Arabizi get the script rules above.
    """

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        arabizi = is_arabizi([t.text for t in tokens])
        for token in tokens:
            token.text = normalize_token(token.text, arabizi)
            token.lemma = normalize_token(token.lemma or token.text, arabizi)
        return tokens
