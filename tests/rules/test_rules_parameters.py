"""The parameter file: its shape, lookups by date, and clear errors on broken files."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from actions.rules.parameters import DEFAULT_PATH, load_parameters, parameter, parameter_info

REQUIRED = {
    "ris_monthly", "ris_yearly", "exoneration_socioprofessional", "exoneration_general",
    "savings", "real_estate", "heating_income_ceiling", "heating_dependant_income_limit",
    "heating_allowance", "deadlines", "sanctions", "water_fund_wallonia", "prime_low_income_threshold",
    "age_limits", "legal_periods", "heating_delivery_max_age", "cpas_online",
}


def test_every_required_parameter_is_there():
    assert REQUIRED <= set(load_parameters())


def test_every_row_has_a_source_and_decimal_values():
    for param in load_parameters().values():
        assert param.description and param.unit and isinstance(param.last_checked, dt.date)
        for row in param.rows:
            assert row.source
            for value in row.values.values():
                items = value if isinstance(value, tuple) else (value,)
                for item in items:
                    numbers = item.values() if hasattr(item, "values") else (item,)
                    assert all(isinstance(n, Decimal) for n in numbers)


def test_file_is_read_once():
    assert load_parameters() is load_parameters(DEFAULT_PATH)


def test_row_in_force():
    row = parameter("ris_monthly", dt.date(2025, 2, 1))
    assert row.since == dt.date(2025, 2, 1)
    assert row["cat2"] == Decimal("1314.20")
    assert "cpasseraing" in row.source
    assert row.note is None        # the +2 % of March 2026 is an announced row, not a note on the 2025 row
    assert parameter("ris_monthly", dt.date(2025, 1, 31)).since == dt.date(2022, 5, 1)


def test_the_announced_indexation_is_data_without_amounts():
    info = parameter_info("ris_monthly")
    (announced,) = info.announced_rows
    assert announced.since == dt.date(2026, 3, 1) and announced["rate"] == Decimal("0.02") and announced.source
    assert set(announced.values) == {"rate"}
    # The amounts stay the official ones of 1 February 2025, from the announced date on too.
    assert parameter("ris_monthly", dt.date(2026, 6, 1)).since == dt.date(2025, 2, 1)
    assert info.announcement(dt.date(2026, 2, 28)) is None
    assert info.announcement(dt.date(2026, 3, 1)) is announced


def test_written_digits_are_kept():
    assert str(parameter("ris_monthly", dt.date(2025, 2, 1))["cat2"]) == "1314.20"


def test_unknown_field_names_the_parameter():
    with pytest.raises(KeyError, match="ris_monthly"):
        parameter("ris_monthly", dt.date(2025, 2, 1))["cat4"]


def test_date_before_first_row():
    with pytest.raises(ValueError, match=r"'water_fund_wallonia'.*2018-01-01"):
        parameter("water_fund_wallonia", dt.date(2017, 12, 31))


def test_installation_premium_equals_category_3_on_every_ris_date():
    from actions.rules.installation_premium import installation_premium_amount

    assert "installation_premium" not in load_parameters()   # one number to enter, not two
    for row in parameter_info("ris_monthly").official_rows:
        assert installation_premium_amount(row.since) == row["cat3"]


def test_heating_bands_start_at_zero_and_rise():
    for row in parameter_info("heating_allowance").rows:
        starts = [band["price_from"] for band in row["bands"]]
        rates = [band["rate"] for band in row["bands"]]
        assert starts[0] == 0 and starts == sorted(starts) and rates == sorted(rates)
        assert row["max_litres"] * rates[-1] == row["yearly_cap"]


GOOD = """\
x:
  description: test
  unit: EUR
  last_checked: 2026-11-22
  values:
    2020-01-01: {amount: 1, source: "a"}
    2021-01-01: {amount: 2.50, source: "b", note: "n"}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "parameters.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_parameter_file_can_be_named_by_the_environment(tmp_path, monkeypatch):
    path = _write(tmp_path, GOOD)
    monkeypatch.setenv("CPAS_PARAMETERS", str(path))
    assert parameter("x", dt.date(2021, 6, 1))["amount"] == Decimal("2.50")


def test_another_file_can_be_loaded(tmp_path):
    path = _write(tmp_path, GOOD)
    assert parameter("x", dt.date(2021, 6, 1), path=path)["amount"] == Decimal("2.50")
    assert parameter("x", dt.date(2020, 6, 1), path=path).note is None


@pytest.mark.parametrize(
    "broken, message",
    [
        (GOOD.replace("2021-01-01", "2019-01-01"), "désordre"),
        (GOOD.replace(', source: "a"', ""), "source manque"),
        (GOOD.replace('source: "a"', 'source: ""'), "source manque"),
        (GOOD.replace("amount: 1,", 'amount: "1,00",'), "n'est pas un nombre"),
        (GOOD.replace("amount: 1,", "amount: true,"), "n'est pas un nombre"),
        (GOOD.replace("amount: 1,", "amount: [1, x],"), "n'est pas un nombre"),
        (GOOD.replace("2020-01-01", "janvier"), "n'est pas une date"),
        (GOOD.replace("  unit: EUR\n", ""), "unit"),
        (GOOD.replace("2026-11-22", "bientôt"), "last_checked"),
        (GOOD.replace("2021-01-01", "2020-01-01"), "double"),
        (GOOD.replace('{amount: 1, source: "a"}', '{source: "a"}'), "aucune valeur"),
        (GOOD + '    2022-01-01: {status: announced, rate: 0.02, amount: 3, source: "c"}\n', "n'a pas de montants"),
        (GOOD + '    2022-01-01: {status: announced, source: "c"}\n', "rate"),
        (GOOD + '    2022-01-01: {status: announced, rate: 2, source: "c"}\n', "entre 0 et 1"),
        (GOOD + '    2022-01-01: {status: annoncé, rate: 0.02, source: "c"}\n', "status"),
        (GOOD + '    2022-01-01: {status: announced, rate: 0.02}\n', "source manque"),
        ("", "doit contenir"),
    ],
)
def test_broken_files_are_refused(tmp_path, broken, message):
    path = _write(tmp_path, broken)
    with pytest.raises(ValueError, match=message):
        load_parameters(path)
