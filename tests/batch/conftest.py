"""One local Ray (2 CPUs) for the whole folder: ``dossier batch`` and the cross-document step both join a running
Ray, and starting one costs seconds (its processes, then each worker's imports), so it is started once, by the
first test that needs it, and shut down after the folder's last test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="package")
def local_ray() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    from dossier.batch.ray_job import start_local

    start_local(ray, 2, tries=5)  # retries when a busy machine makes Ray overrun its fixed start-up time
    yield
    ray.shutdown()
