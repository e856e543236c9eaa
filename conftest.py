"""Test-wide settings: run with OCOP_TESTING so settings pick test-friendly defaults."""

import os

os.environ.setdefault("OCOP_TESTING", "1")
