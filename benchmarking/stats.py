"""The DfE's comparisons, as pure functions: rank, quartile bands, change and the
statistical-neighbour average.

"All English authorities" are the local authorities (not regions or England) with a value for
the measure that year. An authority that no longer exists (Northamptonshire, Cumbria, the old
Dorset, Poole and Bournemouth) counts in the years it has a published value, as the DfE
published it then; new authorities count from their first value.
"""

import math
from decimal import Decimal

HIGH = "high"
LOW = "low"
BANDS = "ABCD"


def ranks(values, polarity):
    """Rank each key's value, 1 = best by polarity; tied values share the smaller rank (two
    tied for 3rd are both 3rd, the next is 5th). ``values`` maps keys to numbers (missing ones
    left out). No ranks (an empty dict) where the polarity is neither high nor low."""
    if polarity not in (HIGH, LOW):
        return {}
    ordered = sorted(values.values(), reverse=polarity == HIGH)
    first = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return {key: first[value] for key, value in values.items()}


def quantile(sorted_values, p):
    """The p-quantile by linear interpolation between closest ranks (numpy's default, R's type
    7): position (n - 1) * p in the sorted values."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * Decimal(str(p))
    below = math.floor(position)
    above = min(below + 1, len(sorted_values) - 1)
    fraction = position - below
    return sorted_values[below] + (sorted_values[above] - sorted_values[below]) * fraction


def quartiles(values):
    """The 25%, 50% and 75% quantiles of the numbers; None when there are none."""
    ordered = sorted(values)
    if not ordered:
        return None
    return tuple(quantile(ordered, p) for p in (0.25, 0.5, 0.75))


def band(value, bounds, polarity):
    """The quartile band, A (the best quarter by polarity) to D; '' without a polarity, value or
    bounds. A value on a boundary belongs to the better band."""
    if value is None or bounds is None or polarity not in (HIGH, LOW):
        return ""
    q1, q2, q3 = bounds
    if polarity == HIGH:
        steps = (value >= q3, value >= q2, value >= q1)
    else:
        steps = (value <= q1, value <= q2, value <= q3)
    for letter, inside in zip(BANDS, steps, strict=False):
        if inside:
            return letter
    return "D"


def change(value, previous):
    """The change since the previous year: None unless both years have a value."""
    if value is None or previous is None:
        return None
    return value - previous


def mean(values):
    """The plain mean of the numbers given, leaving out None; None when none is left."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present, Decimal(0)) / len(present)


def neighbour_average(neighbour_keys, values):
    """The mean of the neighbours' values that are present (``values`` maps keys to numbers)."""
    return mean(values.get(key) for key in neighbour_keys)
