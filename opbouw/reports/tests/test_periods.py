import datetime as dt
from types import SimpleNamespace

from opbouw.reports.periods import TERM, choices, default_period, period_for, periods_of

A = SimpleNamespace(starts_on=dt.date(2026, 2, 15), ends_on=dt.date(2027, 3, 31))


def test_periods_are_clipped_to_the_term():
    q1 = period_for(A, "2026-K1")
    assert (q1.starts_on, q1.ends_on) == (dt.date(2026, 2, 15), dt.date(2026, 3, 31))
    h2 = period_for(A, "2026-H2")
    assert (h2.starts_on, h2.ends_on) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert period_for(A, "2027").ends_on == dt.date(2027, 3, 31)
    assert period_for(A, TERM).starts_on == A.starts_on


def test_codes_outside_the_term_or_nonsense_give_none():
    for code in ("2025-K4", "2027-K2", "2026-K5", "2026-H3", "26", "1999", "x", "2026-k1"):
        assert period_for(A, code) is None, code


def test_quarters_of_the_term_follow_each_other():
    quarters = periods_of(A, "quarter")
    assert [q.code for q in quarters] == ["2026-K1", "2026-K2", "2026-K3", "2026-K4",
                                          "2027-K1"]
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert after.starts_on == before.ends_on + dt.timedelta(days=1)


def test_the_default_is_the_last_finished_quarter():
    assert default_period(A, today=dt.date(2026, 12, 4)).code == "2026-K3"
    assert default_period(A, today=dt.date(2026, 3, 1)).code == "2026-K1"
    codes = [p.code for p in choices(A, today=dt.date(2026, 5, 1))]
    assert "2026-K2" in codes and "2026-K3" not in codes and TERM in codes
