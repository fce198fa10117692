"""The collector paused while records are built, and frozen for a command that ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from salespipe.core.bulk import gc_paused


@pytest.fixture(autouse=True)
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()  # what an earlier in-process command froze goes back to the collector
    yield
    gc.unfreeze()


def test_the_collector_is_off_during_the_block_and_back_after() -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: the inner block does not turn it back on
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # no freeze unless asked


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused(freeze=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_the_block_built_is_frozen_before_the_collector_runs_again() -> None:
    with gc_paused(freeze=True):
        records = [{"deal": i} for i in range(1_000)]
    assert gc.isenabled()
    # every record is out of the collector's generations: its next collection skips them
    assert gc.get_freeze_count() >= len(records)


def test_nothing_is_frozen_when_the_block_fails() -> None:
    with pytest.raises(ValueError), gc_paused(freeze=True):
        raise ValueError("unreadable workbook")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
