"""Suggested pairs as an optimal assignment (SciPy's ``linear_sum_assignment``) over a score.

Each buddy appears once per free place (``mentees_per_buddy`` minus open pairs); the
assignment maximises the total score over all pairs at once, which a greedy "best pair
first" loop does not. Pairs that break a hard rule are never suggested.
"""

from dataclasses import dataclass, field, replace

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
class Candidate:
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
    not_with: frozenset = frozenset()  # students: the buddies of their pairs that ended
    staff_label: str = ""  # name, class, sign-up date and number, as staff tell two alike apart


@dataclass
class Suggestion:
    buddy: Candidate
    mentee: Candidate
    score: int
    reasons: list = field(default_factory=list)  # codes, see reasons_in_words

    @property
    def reasons_in_words(self):
        return reasons_in_words(self.reasons)


@dataclass
class Result:
    suggestions: list
    unmatched: list  # (mentee, reason)


def may_pair(buddy, mentee):
    """Every hard rule kept (the fast check used for the whole score matrix)."""
    return (
        buddy.eligible
        and buddy.id not in mentee.not_with
        and buddy.year > mentee.year
        and buddy.school_class.strip().lower() != mentee.school_class.strip().lower()
    )


def points(buddy, mentee):
    """The score of a pair that keeps every hard rule."""
    return (
        SHARED_LANGUAGE * len(buddy.languages & mentee.languages)
        + SHARED_INTEREST * len(buddy.interests & mentee.interests)
        + SHARED_FREE_PERIOD * len(buddy.free_periods & mentee.free_periods)
        + (CLOSE_YEARS if buddy.year - mentee.year <= 2 else FAR_YEARS)
    )


def hard_rule_broken(buddy, mentee):
    """Why these two may not be paired, or None."""
    if not buddy.eligible:
        return _("the buddy is not approved or has not finished the training yet")
    if buddy.id in mentee.not_with:
        return _("they were a pair before")
    if buddy.year <= mentee.year:
        return _("the buddy must be in a higher year")
    if buddy.school_class.strip().lower() == mentee.school_class.strip().lower():
        return _("they are in the same class")
    return None


def score_pair(buddy, mentee):
    """(score, reasons) for a pair that keeps every hard rule.

    Reasons are codes with a count, stored as they are on a proposed pair and put in words
    in the reader's language when shown (``reasons_in_words``).
    """
    shared = {
        "languages": len(buddy.languages & mentee.languages),
        "interests": len(buddy.interests & mentee.interests),
        "free_periods": len(buddy.free_periods & mentee.free_periods),
    }
    reasons = [{"code": code, "count": count} for code, count in shared.items() if count]
    reasons.append({"code": "years_close" if buddy.year - mentee.year <= 2 else "years_apart", "count": 1})
    return points(buddy, mentee), reasons


REASON_WORDS = {
    "languages": lambda n: (
        ngettext("%(count)d shared language", "%(count)d shared languages", n) % {"count": n}
    ),
    "interests": lambda n: (
        ngettext("%(count)d shared interest", "%(count)d shared interests", n) % {"count": n}
    ),
    "free_periods": lambda n: (
        ngettext("%(count)d free period in common", "%(count)d free periods in common", n) % {"count": n}
    ),
    "years_close": lambda n: _("one or two years older"),
    "years_apart": lambda n: _("a few years older"),
}


def reasons_in_words(reasons):
    """The reasons a pair was suggested, in the active language."""
    return [_reason_in_words(reason) for reason in reasons]


def _reason_in_words(reason):
    if isinstance(reason, str):
        return reason  # a pair proposed before reasons were stored as codes keeps its words
    return REASON_WORDS[reason["code"]](reason["count"])


def _shared_counts(buddies, mentees, attribute):
    """How many of ``attribute`` (languages, interests, free periods) each mentee shares with each buddy."""
    vocabulary = {
        item: index
        for index, item in enumerate(
            sorted({item for person in [*buddies, *mentees] for item in getattr(person, attribute)}, key=str)
        )
    }

    def has(people):
        matrix = numpy.zeros((len(people), max(len(vocabulary), 1)), dtype=numpy.int64)
        for row, person in enumerate(people):
            matrix[row, [vocabulary[item] for item in getattr(person, attribute)]] = 1
        return matrix

    return has(mentees) @ has(buddies).T


def score_matrix(buddies, mentees):
    """``points(buddy, mentee) + 1`` for every pair that ``may_pair`` allows, INFEASIBLE for the others,
    a mentee per row and a buddy per column: built with NumPy, the same sums as ``points``, at once."""
    buddy_years = numpy.array([buddy.year for buddy in buddies])
    mentee_years = numpy.array([mentee.year for mentee in mentees])
    older_by = buddy_years[None, :] - mentee_years[:, None]
    buddy_classes = numpy.array([buddy.school_class.strip().lower() for buddy in buddies])
    mentee_classes = numpy.array([mentee.school_class.strip().lower() for mentee in mentees])
    allowed = (
        numpy.array([buddy.eligible for buddy in buddies])[None, :]
        & (older_by > 0)
        & (buddy_classes[None, :] != mentee_classes[:, None])
    )
    column = {buddy.id: index for index, buddy in enumerate(buddies)}
    for row, mentee in enumerate(mentees):
        allowed[row, [column[buddy_id] for buddy_id in mentee.not_with if buddy_id in column]] = False
    points_of_all = (
        SHARED_LANGUAGE * _shared_counts(buddies, mentees, "languages")
        + SHARED_INTEREST * _shared_counts(buddies, mentees, "interests")
        + SHARED_FREE_PERIOD * _shared_counts(buddies, mentees, "free_periods")
        + numpy.where(older_by <= 2, CLOSE_YEARS, FAR_YEARS)
    )
    # +1 so that a pair with nothing in common still beats leaving someone out.
    return numpy.where(allowed, points_of_all + 1, INFEASIBLE).astype(numpy.int64)


def suggest_pairs(buddies, mentees):
    """The assignment of mentees to buddies' free places with the highest total score."""
    slots = [buddy for buddy in buddies for _place in range(max(buddy.open_places, 0))]
    if not slots or not mentees:
        reason = _("no buddy has a free place") if not slots else ""
        return Result(suggestions=[], unmatched=[(mentee, reason) for mentee in mentees])
    # Score each buddy once, then give every free place of theirs the same column.
    by_buddy = score_matrix(buddies, mentees)
    scores = numpy.repeat(by_buddy, [max(buddy.open_places, 0) for buddy in buddies], axis=1)
    rows, columns = linear_sum_assignment(scores, maximize=True)
    suggestions, matched = [], set()
    for row, column in zip(rows, columns, strict=True):
        if scores[row, column] > INFEASIBLE:
            score, reasons = score_pair(slots[column], mentees[row])
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
    waiting_for_approval = [
        buddy
        for buddy in buddies
        if not buddy.eligible and buddy.open_places > 0 and may_pair(replace(buddy, eligible=True), mentee)
    ]
    if waiting_for_approval:
        # The one thing between this student and a buddy is staff's approval or the training.
        return _("a buddy who would suit is not yet approved or has not finished the training")
    if None in reasons:
        return _("every suitable buddy is already full")
    if len(reasons) == 1:
        return _("no suitable buddy: %(reason)s") % {"reason": reasons.pop()}
    return _("no buddy keeps every rule for this student")
