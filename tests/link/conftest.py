"""Shared inputs for the link tests: the short-template variants of tests/link/shortads.py."""

import importlib.util
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def short():
    """tests/link/shortads.py as a module (test folders are not packages)."""
    spec = importlib.util.spec_from_file_location("link_shortads", Path(__file__).with_name("shortads.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
