"""The comparisons of benchmarking.stats, on examples worked out by hand."""

from decimal import Decimal as D

from benchmarking import stats


def test_rank_higher_is_better_ties_share_the_smaller_rank():
    # 20 and 20 are joint best (1st), 10 is 3rd (not 2nd), 5 is 4th.
    values = {"a": D(10), "b": D(20), "c": D(20), "d": D(5)}
    assert stats.ranks(values, "high") == {"b": 1, "c": 1, "a": 3, "d": 4}


def test_rank_lower_is_better():
    values = {"a": D(10), "b": D(20), "c": D(20), "d": D(5)}
    assert stats.ranks(values, "low") == {"d": 1, "a": 2, "b": 3, "c": 3}


def test_no_rank_without_polarity():
    assert stats.ranks({"a": D(1), "b": D(2)}, "") == {}


def test_quartiles_interpolate_linearly():
    # n = 4: positions (n-1)p = 0.75, 1.5, 2.25 -> 1 + 0.75, 2 + 0.5, 3 + 0.25.
    assert stats.quartiles([D(4), D(1), D(3), D(2)]) == (D("1.75"), D("2.5"), D("3.25"))
    # n = 5, 10..50: positions 1, 2, 3 fall on values.
    assert stats.quartiles([D(10), D(20), D(30), D(40), D(50)]) == (D(20), D(30), D(40))
    # One value: every quartile is that value.
    assert stats.quartiles([D(7)]) == (D(7), D(7), D(7))
    assert stats.quartiles([]) is None


def test_bands_higher_is_better():
    bounds = (D("1.75"), D("2.5"), D("3.25"))
    assert [stats.band(D(v), bounds, "high") for v in (4, 3, 2, 1)] == ["A", "B", "C", "D"]
    # On a boundary: the better band.
    assert stats.band(D("3.25"), bounds, "high") == "A"
    assert stats.band(D("1.75"), bounds, "high") == "C"


def test_bands_lower_is_better():
    bounds = (D("1.75"), D("2.5"), D("3.25"))
    assert [stats.band(D(v), bounds, "low") for v in (1, 2, 3, 4)] == ["A", "B", "C", "D"]
    assert stats.band(D("1.75"), bounds, "low") == "A"


def test_no_band_without_polarity_value_or_bounds():
    bounds = (D(1), D(2), D(3))
    assert stats.band(D(2), bounds, "") == ""
    assert stats.band(None, bounds, "high") == ""
    assert stats.band(D(2), None, "high") == ""


def test_change_needs_both_years():
    assert stats.change(D("45.2"), D("43.0")) == D("2.2")
    assert stats.change(D("45.2"), None) is None
    assert stats.change(None, D("43.0")) is None


def test_neighbour_average_leaves_out_missing_neighbours():
    values = {"n1": D(10), "n2": D(20), "n4": D(60)}
    # n3 has no value: (10 + 20 + 60) / 3 = 30.
    assert stats.neighbour_average(["n1", "n2", "n3", "n4"], values) == D(30)
    assert stats.neighbour_average(["n3"], values) is None
