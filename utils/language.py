"""Small generated language data for chapter 9: Korean number words and a toy corpus.

- `korean_number(n)` writes 1 <= n <= 99,999 in Sino-Korean words, e.g. 3205 -> "삼천이백오"
  (`spaced=True`: with the space Korean spelling puts after 만, 18837 -> "만 팔천팔백삼십칠").
- `number_pairs(numbers)` turns numbers into padded (encoder input, decoder input, target) arrays
  for an encoder-decoder translator, with the two vocabularies below.
- `toy_corpus(...)` generates sentences whose words fall in known groups, so that the geometry of
  embeddings learned from it can be checked.
"""

from __future__ import annotations

import numpy as np

from .checks import int_in, positive_int

__all__ = [
    "DIGIT_WORDS",
    "SOURCE_VOCAB",
    "TARGET_VOCAB",
    "PAD",
    "BOS",
    "EOS",
    "korean_number",
    "number_pairs",
    "decode_digits",
    "TOY_GROUPS",
    "toy_corpus",
]

DIGIT_WORDS = "_일이삼사오육칠팔구"  # index = digit; 0 is never read out
PLACES = ["", "십", "백", "천", "만"]  # 10**k for k = 0..4
#: Source tokens (syllables); index 0 is padding.
SOURCE_VOCAB = ["<pad>", *DIGIT_WORDS[1:], *PLACES[1:]]
#: Target tokens; 0 padding, 1 start of sequence, 2 end of sequence, then the digits 0-9.
TARGET_VOCAB = ["<pad>", "<bos>", "<eos>", *"0123456789"]
PAD, BOS, EOS = 0, 1, 2


def korean_number(n: int, spaced: bool = False) -> str:
    """Sino-Korean words for 1 <= n <= 99999: 3205 -> "삼천이백오", 10010 -> "만십".

    Zero digits are silent, and a 1 before 십/백/천/만 is not read (십, not 일십). With
    `spaced=True` the words are spelled as Korean orthography writes them (한글 맞춤법, article
    44: a space after each 만 group), 18837 -> "만 팔천팔백삼십칠"; the space always follows 만.
    """
    int_in("n", n, 1, 99_999)
    if not isinstance(spaced, bool):
        raise ValueError(f"spaced: expected True or False, got {spaced!r}")
    words = []
    for k, d in enumerate(int(c) for c in reversed(str(int(n)))):
        if d:
            words.append(PLACES[k] if d == 1 and k else DIGIT_WORDS[d] + PLACES[k])
    if spaced and n >= 10_000 and n % 10_000:
        words[-1] += " "  # words[-1] is the 만 group (words are collected from the units up)
    return "".join(reversed(words))


def number_pairs(numbers):
    """Arrays for teacher forcing from an iterable of ints.

    Returns (source, decoder_in, target) as int arrays, each padded with 0 to its longest row:
    source holds syllable ids (SOURCE_VOCAB), target the digit ids followed by EOS, and
    decoder_in the same sequence shifted right behind BOS (so it never shows EOS).
    """
    numbers = [int(n) for n in numbers]
    if not numbers:
        raise ValueError("numbers: expected at least one number, got none")
    src = [[SOURCE_VOCAB.index(c) for c in korean_number(n)] for n in numbers]
    tgt = [[TARGET_VOCAB.index(c) for c in str(n)] + [EOS] for n in numbers]

    def pad(rows):
        out = np.zeros((len(rows), max(map(len, rows))), np.int64)
        for i, row in enumerate(rows):
            out[i, : len(row)] = row
        return out

    target = pad(tgt)
    decoder_in = np.zeros_like(target)
    decoder_in[:, 0] = BOS
    decoder_in[:, 1:] = np.where(target[:, :-1] == EOS, PAD, target[:, :-1])
    return pad(src), decoder_in, target


def decode_digits(ids) -> str:
    """Target ids -> the digit string up to (not including) the first EOS; PAD/BOS are dropped."""
    out = []
    for i in ids:
        i = int(i)
        if i == EOS:
            break
        if i > EOS:
            out.append(TARGET_VOCAB[i])
    return "".join(out)


#: Word groups of the toy corpus: words in a group are used in the same sentence frames.
TOY_GROUPS = {
    "animal": ["cat", "dog", "horse", "cow", "goat"],
    "food": ["rice", "bread", "apple", "soup", "noodles"],
    "vehicle": ["car", "bus", "train", "bike", "truck"],
    "place": ["home", "school", "park", "market", "office"],
    "person": ["teacher", "doctor", "farmer", "student", "driver"],
}
_FRAMES = [
    "the {animal} eats {food}",
    "a hungry {animal} wants {food}",
    "the {person} drives a {vehicle} to the {place}",
    "the {person} takes the {vehicle}",
    "a {vehicle} stops near the {place}",
    "the {person} cooks {food} at the {place}",
    "the {animal} sleeps at the {place}",
    "the {person} feeds the {animal}",
]


def toy_corpus(n_sentences: int, seed: int = 0) -> list[list[str]]:
    """`n_sentences` tokenised sentences drawn from fixed frames, each slot filled with a random
    word of its group (TOY_GROUPS): words of one group share their contexts and nothing else."""
    positive_int("n_sentences", n_sentences)
    rng = np.random.default_rng(seed)
    sentences = []
    for _ in range(n_sentences):
        frame = _FRAMES[rng.integers(len(_FRAMES))]
        words = {g: ws[rng.integers(len(ws))] for g, ws in TOY_GROUPS.items()}
        sentences.append(frame.format(**words).split())
    return sentences
