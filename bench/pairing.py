"""The pairing of completion lists with their plans, on the five labelled real pairs.

    .venv/bin/python bench/pairing.py     (also part of `make bench`)

Per pair: completion items, pairs right / wrong / items left over / labelled tasks left over,
and whether the lists were paired by number or by what they say; then the same by content
alone (every printed number ignored), which is what an unnumbered list gets.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real"
REPORTS = ROOT / "tests" / "fixtures" / "reports"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from duban.pairing import evaluate as ev

    header = (
        f"{'pair':<22} {'plan report':<20} {'items':>5} {'right':>5} {'wrong':>5} "
        f"{'left over':>9} {'tasks left':>10}  by"
    )
    for label, use_numbers in (("as read", True), ("by content alone", False)):
        print(f"pairing ({label}):")
        print("  " + header)
        totals = [0, 0, 0, 0, 0]
        started = time.perf_counter()
        for name, plan in ev.PAIRS:
            s, _pairing = ev.evaluate(REAL, REPORTS, name, plan, use_numbers)
            row = [s.items, s.right, s.wrong, s.left_over, s.tasks_left_over]
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            print(
                f"  {name:<22} {plan:<20} {s.items:>5} {s.right:>5} {s.wrong:>5} "
                f"{s.left_over:>9} {s.tasks_left_over:>10}  "
                f"{'number' if s.by_number else 'content'}"
            )
            for mistake in s.mistakes:
                print(f"      {mistake}")
        elapsed = time.perf_counter() - started
        print(
            f"  {'all':<22} {'':<20} {totals[0]:>5} {totals[1]:>5} {totals[2]:>5} "
            f"{totals[3]:>9} {totals[4]:>10}  ({elapsed * 1000:.0f} ms with parsing)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
