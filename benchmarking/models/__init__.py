"""Benchmarking: the DfE's children's services data (measures, areas, releases, values) and the
pages that show it."""

from .data import Area, Measure, Release, StatisticalNeighbour, Value, ValueStatus
from .pages import BenchmarkingIndexPage

__all__ = [
    "Area",
    "BenchmarkingIndexPage",
    "Measure",
    "Release",
    "StatisticalNeighbour",
    "Value",
    "ValueStatus",
]
