"""Exchange tests keep uploaded files in a temporary MEDIA_ROOT, never in the project's media/."""

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
