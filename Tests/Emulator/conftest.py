"""Fixtures shared by the emulator's tests: one emulator process per session, the sample organization."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from harness import EmulatorProcess, built


@pytest.fixture(scope="session")
def emulator() -> Iterator[EmulatorProcess]:
    process = EmulatorProcess()
    yield process
    failures = process.control("/_preflight/signature-failures")["failures"]
    process.stop()
    assert failures == [], f"requests with a bad signature: {failures}"


@pytest.fixture()
def sample(emulator: EmulatorProcess) -> dict[str, Any]:
    """The sample organization, built once and rebuilt if a test reset the emulator."""
    return built(emulator, "sample-org.yaml")
