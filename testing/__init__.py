"""Support for the test suite that is no Django app and never ships: helpers the root
``conftest.py`` and the apps' tests import (see docs/architecture.md, "Tests")."""
