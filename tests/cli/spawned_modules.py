"""Run in a spawned process by tests/cli/test_workers_env.py: which dossier modules did starting it import?"""

from __future__ import annotations

import sys


def loaded() -> list[str]:
    return sorted(m for m in sys.modules if m.startswith("dossier"))
