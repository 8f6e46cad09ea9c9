"""The round values on a chart's axis, worked by hand."""

from decimal import Decimal

import pytest

from benchmarking.charts import ticks


@pytest.mark.parametrize(
    ("low", "high", "places", "expected"),
    [
        # 64.7 / 5 = 12.94: the least round step at or above it is 20; 80 is the first past 64.7.
        ("0", "64.7", 1, ["0", "20", "40", "60", "80"]),
        # A count: 6,240 / 5 = 1,248, so steps of 2,000.
        ("0", "6240", 0, ["0", "2000", "4000", "6000", "8000"]),
        # 1 / 5 = 0.2 exactly: a step of 0.2, six ticks, the last at the highest.
        ("0", "1", 2, ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        # ... but figures with no decimal places would read 0, 0, 0, 1, 1, 1: a step of 1.
        ("0", "1", 0, ["0", "1"]),
        # Below zero: 15.5 / 5 = 3.1, so steps of 5, from the multiple at or below -3.5.
        ("-3.5", "12", 1, ["-5", "0", "5", "10", "15"]),
        # 0.37 / 5 = 0.074: steps of 0.1.
        ("0", "0.37", 2, ["0", "0.1", "0.2", "0.3", "0.4"]),
        # 2.5 is a round step too: 11 / 5 = 2.2.
        ("0", "11", 1, ["0", "2.5", "5", "7.5", "10", "12.5"]),
        # ... but not for whole figures (7.5 would read 8): 12 / 5 = 2.4, so steps of 5.
        ("0", "12", 0, ["0", "5", "10", "15"]),
        # 100 / 5 = 20, but steps of 20 from -20 to 100 are seven ticks: steps of 25.
        ("-1", "99", 0, ["-25", "0", "25", "50", "75", "100"]),
    ],
)
def test_ticks_are_round_steps_covering_the_values(low, high, places, expected):
    assert ticks(Decimal(low), Decimal(high), places) == [Decimal(value) for value in expected]
