"""Small generated language data for chapters 9 and 10: Korean number words and a toy corpus.

- `korean_number(n)` writes 1 <= n < 10**16 in Sino-Korean words, e.g. 3205 -> "삼천이백오",
  120000345 -> "일억이천만삼백사십오" (`spaced=True`: with the space Korean spelling puts after
  each 만 group, 18837 -> "만 팔천팔백삼십칠").
- `number_pairs(numbers)` turns numbers into padded (encoder input, decoder input, target) arrays
  for an encoder-decoder translator, with the vocabularies below (`LONG_SOURCE_VOCAB` for numbers
  of 억 and 조).
- `random_numbers(count, digits, rng)` draws distinct numbers with a given count of digits.
- `toy_corpus(...)` generates sentences whose words fall in known groups, so that the geometry of
  embeddings learned from it can be checked.
"""

from __future__ import annotations

import numpy as np

from .checks import int_in, positive_int

__all__ = [
    "DIGIT_WORDS",
    "SOURCE_VOCAB",
    "LONG_SOURCE_VOCAB",
    "TARGET_VOCAB",
    "PAD",
    "BOS",
    "EOS",
    "korean_number",
    "number_pairs",
    "random_numbers",
    "decode_digits",
    "TOY_GROUPS",
    "toy_corpus",
]

DIGIT_WORDS = "_일이삼사오육칠팔구"  # index = digit; 0 is never read out
PLACES = ["", "십", "백", "천", "만"]  # 10**k for k = 0..4
GROUPS = ["", "만", "억", "조"]  # 10**(4k) for k = 0..3: the units of the 만 groups
#: Source tokens (syllables) of the numbers below 100,000; index 0 is padding.
SOURCE_VOCAB = ["<pad>", *DIGIT_WORDS[1:], *PLACES[1:]]
#: Source tokens of all numbers below 10**16: SOURCE_VOCAB, then 억 and 조.
LONG_SOURCE_VOCAB = [*SOURCE_VOCAB, *GROUPS[2:]]
MAX_NUMBER = 10**16 - 1
#: Target tokens; 0 padding, 1 start of sequence, 2 end of sequence, then the digits 0-9.
TARGET_VOCAB = ["<pad>", "<bos>", "<eos>", *"0123456789"]
PAD, BOS, EOS = 0, 1, 2


def korean_number(n: int, spaced: bool = False) -> str:
    """Sino-Korean words for 1 <= n < 10**16: 3205 -> "삼천이백오", 10010 -> "만십".

    The digits are read in groups of four from the right (the 만 groups), each group followed by
    its unit, 만, 억 or 조; within a group a digit word comes before 십/백/천. Zero digits are
    silent, and so is a group of four zeros with its unit (100000001 -> "일억일"). A 1 before
    십/백/천 is not read (십, not 일십), nor before 만 when it is the whole group (10000 -> "만"),
    but it is read before 억 and 조 (100000000 -> "일억"). With `spaced=True` the words are
    spelled as Korean orthography writes them (한글 맞춤법, article 44: a space after each 만
    group), 18837 -> "만 팔천팔백삼십칠", 120000345 -> "일억 이천만 삼백사십오".
    """
    int_in("n", n, 1, MAX_NUMBER)
    if not isinstance(spaced, bool):
        raise ValueError(f"spaced: expected True or False, got {spaced!r}")
    groups = []
    for g in range(3, -1, -1):
        value = int(n) // 10 ** (4 * g) % 10_000
        if not value:
            continue
        words = []
        for k, d in enumerate(int(c) for c in reversed(str(value))):
            if d:
                words.append(PLACES[k] if d == 1 and k else DIGIT_WORDS[d] + PLACES[k])
        group = "".join(reversed(words))
        groups.append(GROUPS[g] if value == 1 and g == 1 else group + GROUPS[g])
    return (" " if spaced else "").join(groups)


def number_pairs(numbers, source_vocab=None):
    """Arrays for teacher forcing from an iterable of ints.

    `source_vocab`: the syllables' ids, SOURCE_VOCAB (the default, numbers below 100,000) or
    LONG_SOURCE_VOCAB. Returns (source, decoder_in, target) as int arrays, each padded with 0
    to its longest row: source holds syllable ids, target the digit ids followed by EOS, and
    decoder_in the same sequence shifted right behind BOS (so it never shows EOS).
    """
    numbers = [int(n) for n in numbers]
    if not numbers:
        raise ValueError("numbers: expected at least one number, got none")
    vocab = SOURCE_VOCAB if source_vocab is None else list(source_vocab)
    ids = {c: i for i, c in enumerate(vocab)}
    src = []
    for n in numbers:
        words = korean_number(n)
        missing = sorted(set(words) - set(ids))
        if missing:
            raise ValueError(
                f"source_vocab: expected every syllable of {n} ({words}), "
                f"got a vocabulary without {''.join(missing)}"
            )
        src.append([ids[c] for c in words])
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


def random_numbers(count: int, digits: int, rng, exclude=()) -> np.ndarray:
    """`count` distinct numbers with exactly `digits` digits (1..16), drawn uniformly by `rng`
    (a NumPy Generator), none of them in `exclude`, in the order drawn."""
    positive_int("count", count)
    int_in("digits", digits, 1, 16)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng: expected a numpy.random.Generator, got {type(rng).__name__}")
    low, high = 10 ** (digits - 1), 10**digits
    exclude = {int(n) for n in exclude}
    available = high - low - sum(low <= n < high for n in exclude)
    if count > available:
        raise ValueError(
            f"count: expected at most {available} numbers with digits={digits}, got {count}"
        )
    out, seen = [], set(exclude)
    while len(out) < count:
        for n in rng.integers(low, high, size=2 * (count - len(out))):
            n = int(n)
            if n not in seen:
                seen.add(n)
                out.append(n)
                if len(out) == count:
                    break
    return np.array(out, dtype=np.int64)


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
