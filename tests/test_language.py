"""Unit tests of utils.language: Korean number words, translator arrays, the toy corpus."""

import pytest

from utils.language import (
    BOS,
    EOS,
    PAD,
    SOURCE_VOCAB,
    TARGET_VOCAB,
    TOY_GROUPS,
    decode_digits,
    korean_number,
    number_pairs,
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
        (lambda: korean_number(0), "n: expected an int in 1..99999, got 0"),
        (lambda: korean_number(100_000), "got 100000"),
        (lambda: korean_number(3.0), "got 3.0"),
        (lambda: korean_number(True), "got True"),
        (lambda: korean_number(5, spaced=1), "spaced: expected True or False, got 1"),
        (lambda: number_pairs([]), "numbers: expected at least one number, got none"),
        (lambda: toy_corpus(0), "n_sentences: expected a positive int, got 0"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
