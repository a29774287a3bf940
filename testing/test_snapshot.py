"""The test snapshot of the demo data puts back exactly what was there."""

import pytest
from django.db import connection

from opbouw.accounts.models import User
from testing.snapshot import snapshot_restore, snapshot_take


@pytest.mark.django_db
def test_restore_puts_back_every_row_and_new_rows_get_fresh_keys(demo):
    before = snapshot_take()
    User.objects.filter(username="medewerker").update(first_name="Anders")
    User.objects.create(username="nieuw-na-snapshot")
    snapshot_restore(before)
    after = snapshot_take()
    assert [(t.name, sorted(map(repr, t.rows))) for t in before] == [
        (t.name, sorted(map(repr, t.rows))) for t in after]
    assert sum(len(t.rows) for t in before) > 1000
    # Keys handed out after a restore never collide with restored rows.
    created = User.objects.create(username="nog-een")
    assert created.pk > max(row[0] for t in before if t.name == User._meta.db_table
                            for row in t.rows)
    assert connection.vendor in {"sqlite", "postgresql"}
