"""Times stored in the audit file (UTC) as the auditor's clock reads them."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from app.core.records import local_time


@pytest.fixture
def shanghai() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "CST-8"  # China Standard Time, UTC+8, spelled so that no zone database is needed
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset() is POSIX only")
@pytest.mark.usefixtures("shanghai")
def test_stored_utc_times_read_in_local_time() -> None:
    assert local_time("2026-11-29T06:55:12+00:00") == "2026-11-29 14:55"
    assert local_time("2026-11-29T20:05:00+00:00") == "2026-11-30 04:05"  # the local date, too
    assert local_time("2026-11-29T06:55:12") == "2026-11-29 14:55"  # no zone: stored in UTC all the same


def test_text_that_is_no_time_is_shown_as_it_is() -> None:
    assert local_time("yesterday") == "yesterday"
