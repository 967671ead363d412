"""German analysis rules, without a database: both backends index and query these terms."""

import pytest

from newsdesk.search.analysis import index_terms, parse_query, split_compound


def alternatives(text):
    return [group.alternatives for group in parse_query(text).groups]


def test_umlauts_and_sharp_s_fold_to_the_spelled_out_form():
    assert index_terms("Größe") == index_terms("Groesse") == index_terms("GRÖSSE")
    assert index_terms("günstig") == index_terms("guenstig")


def test_german_plurals_and_loanword_plurals_share_a_stem():
    assert index_terms("Laufzeiten") == index_terms("Laufzeit")
    assert index_terms("Akkus") == index_terms("Akku")
    assert index_terms("Handys") == index_terms("Handy")
    assert index_terms("Smartphones") == index_terms("Smartphone")


def test_compounds_are_found_by_their_parts():
    assert {"akku", "laufzeit"} <= set(index_terms("Akkulaufzeit"))
    assert split_compound("verkaufsstart") == ("verkaufs", "start")
    assert split_compound("fingerabdrucksensor") == ("finger", "abdruck", "sensor")
    # Words that are no compound of known parts stay whole.
    assert split_compound("smartwatch") == ()


def test_a_compound_query_also_matches_its_parts():
    assert alternatives("Akkulaufzeit") == [[("akkulaufzeit",), ("akku", "laufzeit")]]


def test_function_words_are_dropped_from_queries():
    assert alternatives("Laufzeit des Akkus") == [[("laufzeit",)], [("akku",)]]


def test_model_names_stay_whole_and_join_when_written_apart():
    assert "s7" in index_terms("Galaxy S7")
    assert "mi5" in index_terms("Mi 5") and "mi5" in index_terms("Mi5")
    assert alternatives("Mi 5") == [[("mi5",), ("mi", "5")]]
    assert alternatives("iPhone 15 Pro Max")[0] == [("iphone15",), ("iphon", "15")]


def test_synonyms_become_alternatives():
    groups = parse_query("Handy", {"handy": {"smartphon"}}).groups
    assert groups[0].alternatives == [("handy",), ("smartphon",)]


@pytest.mark.parametrize(
    "text",
    [
        "a & | ! ( ) :*",
        '"unbalanced',
        "'; DROP TABLE x;--",
        "John Doe <john@provider.com>",
        "\x00\x1f",
    ],
)
def test_hostile_text_becomes_plain_terms(text):
    for group in parse_query(text).groups:
        for alternative in group.alternatives:
            assert all(term.isalnum() and term.isascii() for term in alternative)


def test_long_queries_are_cut():
    assert len(parse_query("Akku " * 5000).groups) <= 12
