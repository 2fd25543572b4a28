import random
from dataclasses import replace

import pytest
from django.utils import translation

from buddies.matching import (
    INFEASIBLE,
    Candidate,
    hard_rule_broken,
    may_pair,
    points,
    score_matrix,
    score_pair,
    suggest_pairs,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def person(
    pk, year, school_class, *, languages=("id",), interests=(), periods=("lunch",), eligible=True, places=1
):
    return Candidate(
        id=pk,
        first_name=f"P{pk}",
        school_class=school_class,
        year=year,
        languages=frozenset(languages),
        interests=frozenset(interests),
        free_periods=frozenset(periods),
        eligible=eligible,
        open_places=places,
    )


def total(result):
    return sum(suggestion.score for suggestion in result.suggestions)


def greedy(buddies, mentees):
    """Best pair first: what the optimal assignment must beat."""
    options = sorted(
        (
            (score_pair(b, m)[0], b.id, m.id)
            for b in buddies
            for m in mentees
            if hard_rule_broken(b, m) is None
        ),
        reverse=True,
    )
    used_buddies, used_mentees, score = set(), set(), 0
    for value, buddy, mentee in options:
        if buddy not in used_buddies and mentee not in used_mentees:
            used_buddies.add(buddy)
            used_mentees.add(mentee)
            score += value
    return score, len(used_mentees)


def test_the_optimal_assignment_beats_best_pair_first():
    # Buddy A fits both students, and A with Y is the single best pair. Best-pair-first takes it
    # and leaves X with B, a poor match; the optimum gives A to X and B to Y, a higher total.
    a = person(1, 8, "8A", interests=("sport", "music", "art"))
    b = person(2, 8, "8B", interests=("games",), periods=("after",))
    x = person(10, 7, "7A", interests=("sport", "music"))
    y = person(11, 7, "7B", interests=("sport", "music", "art", "games"), periods=("lunch", "after"))
    greedy_score, greedy_matched = greedy([a, b], [x, y])
    result = suggest_pairs([a, b], [x, y])
    assert {(s.buddy.id, s.mentee.id) for s in result.suggestions} == {(1, 10), (2, 11)}
    assert (greedy_score, greedy_matched) == (20, 2)
    assert total(result) == 22
    assert result.unmatched == []


def test_hard_rules_are_never_broken():
    younger = person(1, 7, "7C")
    same_class = person(2, 8, "7A")
    untrained = person(3, 9, "9A", eligible=False)
    mentee = person(10, 7, "7A")
    assert "higher year" in hard_rule_broken(younger, mentee)
    assert hard_rule_broken(person(4, 8, "7A"), mentee) is not None
    result = suggest_pairs([younger, same_class, untrained], [mentee])
    assert result.suggestions == []
    ((unmatched, reason),) = result.unmatched
    assert unmatched == mentee and reason


def test_more_students_than_places_and_the_reverse():
    buddies = [person(1, 9, "9A", places=2), person(2, 9, "9B")]
    mentees = [person(10 + n, 7, f"7{n}") for n in range(5)]
    result = suggest_pairs(buddies, mentees)
    assert len(result.suggestions) == 3
    assert [s.buddy.id for s in result.suggestions].count(1) == 2
    assert len(result.unmatched) == 2
    assert all("full" in reason for _mentee, reason in result.unmatched)

    many_buddies = [person(n, 9, f"9{n}") for n in range(1, 6)]
    result = suggest_pairs(many_buddies, mentees[:2])
    assert len(result.suggestions) == 2 and result.unmatched == []


def test_every_suggestion_says_why():
    result = suggest_pairs(
        [person(1, 8, "8A", languages=("id", "jv"))], [person(2, 7, "7A", languages=("jv",))]
    )
    (suggestion,) = result.suggestions
    assert {"code": "languages", "count": 1} in suggestion.reasons
    assert "1 shared language" in suggestion.reasons_in_words
    assert suggestion.score > 0


@pytest.mark.parametrize("buddies,mentees", [([], [person(1, 7, "7A")]), ([person(1, 9, "9A")], [])])
def test_nothing_to_pair_is_not_an_error(buddies, mentees):
    result = suggest_pairs(buddies, mentees)
    assert result.suggestions == []
    assert len(result.unmatched) == len(mentees)


def test_a_student_left_out_because_a_buddy_awaits_approval_is_told_so_not_that_buddies_are_full():
    taken = person(1, 9, "9A")
    not_yet_approved = person(2, 9, "9B", eligible=False)
    mentees = [person(10, 7, "7A"), person(11, 7, "7B")]
    result = suggest_pairs([taken, not_yet_approved], mentees)
    ((_mentee, reason),) = result.unmatched
    assert "not yet approved" in reason and "full" not in reason


def test_the_score_matrix_scores_every_pair_as_the_rules_and_points_do():
    """The NumPy matrix against the plain rules, pair by pair, over many made-up students."""
    generator = random.Random(26)
    languages, interests, periods = (
        ["id", "en", "jv", "su"],
        ["musik", "bola", "seni", "game"],
        ["p1", "p2", "lunch"],
    )

    def someone(pk, side):
        return replace(
            person(
                pk,
                generator.randint(7, 12),
                f"{generator.randint(7, 9)}{generator.choice('AB')}",
                languages=generator.sample(languages, generator.randint(0, 2)),
                interests=generator.sample(interests, generator.randint(0, 3)),
                periods=generator.sample(periods, generator.randint(0, 3)),
                eligible=side == "mentee" or generator.random() > 0.2,
            ),
            not_with=frozenset(generator.sample(range(100, 140), 2)) if side == "mentee" else frozenset(),
        )

    buddies = [someone(pk, "buddy") for pk in range(100, 140)]
    mentees = [someone(pk, "mentee") for pk in range(200, 260)]
    matrix = score_matrix(buddies, mentees)
    for row, mentee in enumerate(mentees):
        for column, buddy in enumerate(buddies):
            expected = points(buddy, mentee) + 1 if may_pair(buddy, mentee) else INFEASIBLE
            assert matrix[row, column] == expected, (buddy, mentee)
    assert (matrix > INFEASIBLE).sum() > 100  # most pairs are allowed: the check is not empty
