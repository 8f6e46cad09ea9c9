"""Generation counters (core/generations.py): a counter the cache drops never starts again at a
number it held before, so entries kept under an old generation are never read again."""

import uuid

from django.core.cache import cache

from core.generations import Generation


def test_a_generation_advances_by_one():
    generation = Generation(f"test-generation:{uuid.uuid4()}")
    first = generation.current()
    generation.advance()
    assert generation.current() == first + 1


def test_a_dropped_counter_starts_above_every_number_it_held():
    generation = Generation(f"test-generation:{uuid.uuid4()}")
    held = [generation.current()]
    for _ in range(3):
        generation.advance()
        held.append(generation.current())
    cache.delete(generation.key)  # what a full cache does to make room

    assert generation.current() > max(held)


def test_advancing_a_dropped_counter_starts_above_every_number_it_held():
    generation = Generation(f"test-generation:{uuid.uuid4()}")
    generation.advance()
    held = generation.current()
    cache.delete(generation.key)

    generation.advance()

    assert generation.current() > held
