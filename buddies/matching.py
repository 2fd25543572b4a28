"""Suggested pairs as an optimal assignment (SciPy's ``linear_sum_assignment``) over a score.

Each buddy appears once per free place (``mentees_per_buddy`` minus open pairs); the
assignment maximises the total score over all pairs at once, which a greedy "best pair
first" loop does not. Pairs that break a hard rule are never suggested.
"""

from dataclasses import dataclass, field

import numpy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy.optimize import linear_sum_assignment

SHARED_LANGUAGE = 3
SHARED_INTEREST = 2
SHARED_FREE_PERIOD = 2
CLOSE_YEARS = 3  # one or two years older
FAR_YEARS = 1  # three or more years older
INFEASIBLE = -1_000_000


@dataclass(frozen=True)
class Person:
    """What matching looks at; built from a sign-up (or by hand in tests)."""

    id: int
    first_name: str
    school_class: str
    year: int
    languages: frozenset
    interests: frozenset
    free_periods: frozenset
    eligible: bool = True  # buddies: approved and trained where the program asks for it
    open_places: int = 1  # buddies: how many more students they may take


@dataclass
class Suggestion:
    buddy: Person
    mentee: Person
    score: int
    reasons: list = field(default_factory=list)


@dataclass
class Result:
    suggestions: list
    unmatched: list  # (mentee, reason)


def hard_rule_broken(buddy, mentee):
    """Why these two may not be paired, or None."""
    if not buddy.eligible:
        return _("the buddy is not approved or has not finished the training yet")
    if buddy.year <= mentee.year:
        return _("the buddy must be in a higher year")
    if buddy.school_class.strip().lower() == mentee.school_class.strip().lower():
        return _("they are in the same class")
    return None


def score_pair(buddy, mentee):
    """(score, reasons) for a pair that keeps every hard rule."""
    score, reasons = 0, []
    languages = buddy.languages & mentee.languages
    if languages:
        score += SHARED_LANGUAGE * len(languages)
        reasons.append(
            ngettext("%(count)d shared language", "%(count)d shared languages", len(languages))
            % {"count": len(languages)}
        )
    interests = buddy.interests & mentee.interests
    if interests:
        score += SHARED_INTEREST * len(interests)
        reasons.append(
            ngettext("%(count)d shared interest", "%(count)d shared interests", len(interests))
            % {"count": len(interests)}
        )
    periods = buddy.free_periods & mentee.free_periods
    if periods:
        score += SHARED_FREE_PERIOD * len(periods)
        reasons.append(
            ngettext("%(count)d free period in common", "%(count)d free periods in common", len(periods))
            % {"count": len(periods)}
        )
    difference = buddy.year - mentee.year
    if difference <= 2:
        score += CLOSE_YEARS
        reasons.append(_("one or two years older"))
    else:
        score += FAR_YEARS
        reasons.append(_("a few years older"))
    return score, reasons


def suggest_pairs(buddies, mentees):
    """The assignment of mentees to buddies' free places with the highest total score."""
    slots = [buddy for buddy in buddies for _place in range(max(buddy.open_places, 0))]
    if not slots or not mentees:
        reason = _("no buddy has a free place") if not slots else ""
        return Result(suggestions=[], unmatched=[(mentee, reason) for mentee in mentees])
    scores = numpy.full((len(mentees), len(slots)), INFEASIBLE, dtype=numpy.int64)
    details = {}
    for row, mentee in enumerate(mentees):
        for column, buddy in enumerate(slots):
            if hard_rule_broken(buddy, mentee) is None:
                details[(row, column)] = score_pair(buddy, mentee)
                # +1 so that a feasible pair with no shared interest still beats leaving someone out.
                scores[row, column] = details[(row, column)][0] + 1
    rows, columns = linear_sum_assignment(scores, maximize=True)
    suggestions, matched = [], set()
    for row, column in zip(rows, columns, strict=True):
        if scores[row, column] > INFEASIBLE:
            score, reasons = details[(row, column)]
            suggestions.append(
                Suggestion(buddy=slots[column], mentee=mentees[row], score=score, reasons=reasons)
            )
            matched.add(row)
    unmatched = [
        (mentee, _why_unmatched(mentee, buddies, slots))
        for row, mentee in enumerate(mentees)
        if row not in matched
    ]
    return Result(suggestions=suggestions, unmatched=unmatched)


def _why_unmatched(mentee, buddies, slots):
    reasons = {hard_rule_broken(buddy, mentee) for buddy in buddies}
    if None in reasons:
        return _("every suitable buddy is already full")
    if len(reasons) == 1:
        return _("no suitable buddy: %(reason)s") % {"reason": reasons.pop()}
    return _("no buddy keeps every rule for this student")
