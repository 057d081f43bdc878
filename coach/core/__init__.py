"""The pure core: routines, session engine, geometry, rep counting, pelvic drop.

Nothing under ``coach.core`` may import Qt, OpenCV or MediaPipe (enforced by
import-linter, see ``[tool.importlinter]`` in pyproject.toml, and by tests/core/test_core_purity.py).
"""
