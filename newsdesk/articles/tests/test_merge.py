"""Three-way merge of article text by paragraph."""

import pytest

from newsdesk.articles.merge import merge

BASE = "Eins.\n\nZwei.\n\nDrei.\n\nVier."


def test_changes_to_different_paragraphs_are_both_kept():
    mine = "Eins.\n\nZwei, von mir.\n\nDrei.\n\nVier."
    theirs = "Eins.\n\nZwei.\n\nDrei.\n\nVier, von ihr."
    result = merge(BASE, mine, theirs)
    assert result.clean
    assert result.text() == "Eins.\n\nZwei, von mir.\n\nDrei.\n\nVier, von ihr."


def test_added_and_removed_paragraphs_merge():
    mine = "Eins.\n\nNeu von mir.\n\nZwei.\n\nDrei.\n\nVier."
    theirs = "Eins.\n\nZwei.\n\nVier."
    assert merge(BASE, mine, theirs).text() == "Eins.\n\nNeu von mir.\n\nZwei.\n\nVier."


def test_adjacent_paragraphs_are_no_overlap():
    mine = "Eins.\n\nZwei, mir.\n\nDrei.\n\nVier."
    theirs = "Eins.\n\nZwei.\n\nDrei, ihr.\n\nVier."
    assert merge(BASE, mine, theirs).text() == "Eins.\n\nZwei, mir.\n\nDrei, ihr.\n\nVier."


def test_the_same_change_on_both_sides_is_no_overlap():
    mine = theirs = "Eins.\n\nZwei!\n\nDrei.\n\nVier."
    assert merge(BASE, mine, theirs).clean


def test_same_paragraph_changed_differently_is_an_overlap_that_needs_a_decision():
    mine = "Eins.\n\nZwei, mir.\n\nDrei.\n\nVier, mir."
    theirs = "Eins.\n\nZwei, ihr.\n\nDrei.\n\nVier."
    result = merge(BASE, mine, theirs)
    assert not result.clean
    [overlap] = result.overlaps
    assert overlap.base == ("Zwei.",)
    assert overlap.mine == ("Zwei, mir.",) and overlap.theirs == ("Zwei, ihr.",)
    with pytest.raises(ValueError):
        result.text()
    assert result.text(["theirs"]) == "Eins.\n\nZwei, ihr.\n\nDrei.\n\nVier, mir."
    assert result.text(["both"]) == "Eins.\n\nZwei, ihr.\n\nZwei, mir.\n\nDrei.\n\nVier, mir."


def test_crlf_from_the_browser_is_no_change():
    theirs = "Eins.\n\nZwei.\n\nDrei.\n\nVier, ihr."
    assert merge(BASE, BASE.replace("\n", "\r\n"), theirs).text() == theirs


def test_both_inserting_at_one_place_is_an_overlap():
    mine = BASE + "\n\nFünf, mir."
    theirs = BASE + "\n\nFünf, ihr."
    result = merge(BASE, mine, theirs)
    assert len(result.overlaps) == 1
    assert result.text(["both"]).endswith("Fünf, ihr.\n\nFünf, mir.")


def test_fingerprint_changes_with_the_overlap():
    one = merge(BASE, "Eins, a.", "Eins, b.")
    two = merge(BASE, "Eins, a.", "Eins, c.")
    assert one.fingerprint != two.fingerprint


def test_editing_neighbouring_paragraphs_in_one_go_is_no_overlap():
    mine = "Eins, mir.\n\nZwei, mir.\n\nDrei.\n\nVier."
    theirs = "Eins.\n\nZwei.\n\nDrei, ihr.\n\nVier."
    assert merge(BASE, mine, theirs).text() == "Eins, mir.\n\nZwei, mir.\n\nDrei, ihr.\n\nVier."
