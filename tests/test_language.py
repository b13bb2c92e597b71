"""Unit tests of utils.language: Korean number words, translator arrays, the toy corpus."""

import numpy as np
import pytest

from utils.language import (
    BOS,
    EOS,
    LONG_SOURCE_VOCAB,
    PAD,
    SOURCE_VOCAB,
    TARGET_VOCAB,
    TOY_GROUPS,
    decode_digits,
    korean_number,
    number_pairs,
    random_numbers,
    toy_corpus,
)


@pytest.mark.parametrize(
    "n,words",
    [
        (1, "일"),
        (10, "십"),
        (11, "십일"),
        (20, "이십"),
        (100, "백"),
        (105, "백오"),
        (3205, "삼천이백오"),
        (9999, "구천구백구십구"),
        (10000, "만"),
        (10010, "만십"),
        (21000, "이만천"),
        (99999, "구만구천구백구십구"),
    ],
)
def test_korean_number(n, words):
    assert korean_number(n) == words


@pytest.mark.parametrize(
    "n,words",
    [
        (18837, "만 팔천팔백삼십칠"),
        (10000, "만"),
        (10010, "만 십"),
        (21000, "이만 천"),
        (60260, "육만 이백육십"),
        (9999, "구천구백구십구"),
    ],
)
def test_korean_number_spaced_after_man(n, words):
    assert korean_number(n, spaced=True) == words


def test_the_space_only_follows_man():
    for n in range(1, 100_000, 7):
        spaced = korean_number(n, spaced=True)
        assert spaced.replace(" ", "") == korean_number(n)
        assert spaced.count(" ") == (n > 10_000 and n % 10_000 != 0)
        assert " " not in spaced or spaced[spaced.index(" ") - 1] == "만"


def test_every_number_has_distinct_words_from_the_vocabulary():
    words = [korean_number(n) for n in range(1, 100_000)]
    assert len(set(words)) == len(words)  # the mapping can be inverted
    assert set("".join(words)) == set(SOURCE_VOCAB[1:])
    assert max(map(len, words)) == 9


def test_number_pairs_shift_and_pad():
    src, dec_in, target = number_pairs([3205, 7, 10000])
    assert src.shape == (3, 5) and target.shape == (3, 6) and dec_in.shape == (3, 6)
    assert [SOURCE_VOCAB[i] for i in src[0]] == list("삼천이백오")
    assert list(src[1]) == [SOURCE_VOCAB.index("칠"), PAD, PAD, PAD, PAD]
    assert [decode_digits(row) for row in target] == ["3205", "7", "10000"]
    assert list(target[1]) == [TARGET_VOCAB.index("7"), EOS, PAD, PAD, PAD, PAD]
    assert list(dec_in[1]) == [BOS, TARGET_VOCAB.index("7"), PAD, PAD, PAD, PAD]
    assert not (dec_in == EOS).any() and (dec_in[:, 0] == BOS).all()


def test_decode_digits_stops_at_eos_and_skips_specials():
    assert decode_digits([BOS, 5, EOS, 6]) == "2"
    assert decode_digits([PAD, 3, 4]) == "01"
    assert decode_digits([]) == ""


def test_toy_corpus_is_reproducible_and_uses_the_groups():
    a, b = toy_corpus(50, seed=3), toy_corpus(50, seed=3)
    assert a == b and a != toy_corpus(50, seed=4)
    words = {w for s in toy_corpus(500) for w in s}
    assert {w for ws in TOY_GROUPS.values() for w in ws} <= words


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: korean_number(0), "n: expected an int in 1..9999999999999999, got 0"),
        (lambda: korean_number(10**16), "got 10000000000000000"),
        (lambda: korean_number(3.0), "got 3.0"),
        (lambda: korean_number(True), "got True"),
        (lambda: korean_number(5, spaced=1), "spaced: expected True or False, got 1"),
        (lambda: number_pairs([]), "numbers: expected at least one number, got none"),
        (
            lambda: number_pairs([120_000_000]),
            "source_vocab: expected every syllable of 120000000 .*, got a vocabulary without 억",
        ),
        (lambda: random_numbers(0, 3, np.random.default_rng()), "count: expected a positive int"),
        (
            lambda: random_numbers(5, 17, np.random.default_rng()),
            "digits: expected an int in 1..16",
        ),
        (lambda: random_numbers(5, 3, 0), "rng: expected a numpy.random.Generator, got int"),
        (
            lambda: random_numbers(9, 1, np.random.default_rng(), exclude=[3]),
            "count: expected at most 8 numbers with digits=1, got 9",
        ),
        (lambda: toy_corpus(0), "n_sentences: expected a positive int, got 0"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# Numbers of 억 and 조 (chapter 10). Hand-checked readings: the 만 groups are read one by one,
# a group of zeros is silent with its unit, a bare 1 is not read before 만 but is before 억/조.
@pytest.mark.parametrize(
    "n,words,spaced",
    [
        (100_000, "십만", "십만"),
        (110_000, "십일만", "십일만"),
        (1_000_000, "백만", "백만"),
        (10_000_000, "천만", "천만"),
        (12_345_678, "천이백삼십사만오천육백칠십팔", "천이백삼십사만 오천육백칠십팔"),
        (100_000_000, "일억", "일억"),
        (100_000_001, "일억일", "일억 일"),
        (100_010_000, "일억만", "일억 만"),
        (120_000_345, "일억이천만삼백사십오", "일억 이천만 삼백사십오"),
        (
            1_234_567_898,
            "십이억삼천사백오십육만칠천팔백구십팔",
            "십이억 삼천사백오십육만 칠천팔백구십팔",
        ),
        (1_000_000_000_000, "일조", "일조"),
        (2_000_300_000_001, "이조삼억일", "이조 삼억 일"),
        (
            10**16 - 1,
            "구천구백구십구조" + "구천구백구십구억" + "구천구백구십구만" + "구천구백구십구",
            None,
        ),
    ],
)
def test_korean_number_of_eok_and_jo(n, words, spaced):
    assert korean_number(n) == words
    if spaced:
        assert korean_number(n, spaced=True) == spaced


def digit_by_digit(n):
    """The reading of n by its 만 groups, from the group reading of chapter 9's numbers."""
    groups = []
    for g, unit in ((3, "조"), (2, "억"), (1, "만"), (0, "")):
        value = n // 10 ** (4 * g) % 10_000
        if value:
            reading = korean_number(value)  # 1..9999: chapter 9's rule
            groups.append(unit if (value, unit) == (1, "만") else reading + unit)
    return " ".join(groups)


def test_long_numbers_follow_the_group_rule_and_keep_chapter_9s_readings():
    rng = np.random.default_rng(0)
    for digits in range(1, 17):
        for n in random_numbers(min(40, 9 * 10 ** (digits - 1)), digits, rng):
            n = int(n)
            assert korean_number(n, spaced=True) == digit_by_digit(n)
            assert korean_number(n) == digit_by_digit(n).replace(" ", "")
    words = [korean_number(n) for n in range(1, 100_000)]
    assert set("".join(words)) == set(SOURCE_VOCAB[1:])  # no 억 or 조 below 100,000


def test_long_readings_are_distinct_and_20_to_31_syllables_at_most():
    rng = np.random.default_rng(1)
    numbers = np.concatenate([random_numbers(300, d, rng) for d in range(9, 17)])
    words = [korean_number(int(n)) for n in numbers]
    assert len(set(words)) == len(words)
    assert max(len(korean_number(n)) for n in [999_999_999_999, 10**16 - 1]) == 31
    assert len(korean_number(999_999_999_999)) == 23


def test_number_pairs_with_the_long_vocabulary():
    src, _, target = number_pairs([120_000_345, 7], LONG_SOURCE_VOCAB)
    assert [LONG_SOURCE_VOCAB[i] for i in src[0]] == list("일억이천만삼백사십오")
    assert [decode_digits(row) for row in target] == ["120000345", "7"]
    assert LONG_SOURCE_VOCAB[: len(SOURCE_VOCAB)] == SOURCE_VOCAB  # the same ids below 10**5
    short = number_pairs([3205, 7, 10000])
    for a, b in zip(short, number_pairs([3205, 7, 10000], LONG_SOURCE_VOCAB)):
        np.testing.assert_array_equal(a, b)


def test_random_numbers_are_distinct_have_their_digits_and_avoid_exclude():
    rng = np.random.default_rng(0)
    first = random_numbers(50, 3, rng)
    more = random_numbers(800, 3, rng, exclude=first)
    assert len(set(first) | set(more)) == 850
    assert all(len(str(n)) == 3 for n in np.concatenate([first, more]))
    np.testing.assert_array_equal(
        random_numbers(10, 12, np.random.default_rng(5)),
        random_numbers(10, 12, np.random.default_rng(5)),
    )
    assert sorted(random_numbers(9, 1, np.random.default_rng(0))) == list(range(1, 10))
