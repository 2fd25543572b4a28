"""Suggested buddy pairs for 300 students and 300 buddies: one optimal assignment, timed."""

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from buddies.matching import Candidate, suggest_pairs  # noqa: E402
from buddies.models import FreePeriod, Interest, Language  # noqa: E402

SIZE = 300


def people(count, years, *, start_id, generator):
    return [
        Candidate(
            id=start_id + number,
            first_name=f"P{number}",
            school_class=f"{year}{generator.choice('ABCD')}",
            year=year,
            languages=frozenset(generator.sample(Language.values, generator.randint(1, 2))),
            interests=frozenset(generator.sample(Interest.values, generator.randint(0, 3))),
            free_periods=frozenset(generator.sample(FreePeriod.values, generator.randint(1, 2))),
        )
        for number, year in enumerate(generator.choice(years) for _ in range(count))
    ]


def main():
    generator = random.Random(7)  # noqa: S311 - repeatable test data, not security
    buddies = people(SIZE, [8, 9, 10], start_id=1, generator=generator)
    mentees = people(SIZE, [7, 8], start_id=10_000, generator=generator)
    started = time.perf_counter()
    result = suggest_pairs(buddies, mentees)
    seconds = time.perf_counter() - started
    print(json.dumps({"matching_seconds": seconds, "size": SIZE, "pairs": len(result.suggestions)}))


if __name__ == "__main__":
    main()
