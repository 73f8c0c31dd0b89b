"""What the heating check's spec (actions/checks/heating.py) used to patch, now decided by actions/rules/heating.py."""
import datetime as dt

from actions.rules import Outcome, Status, assess_heating, heating_request_deadline
from actions.rules.dates import format_date_fr
from actions.rules.heating import OTHER_FUEL_REASON, delivery_max_age_days, delivery_recent_enough

ON = dt.date(2026, 11, 22)


def test_other_heating_is_not_covered_and_gives_no_amount():
    result = assess_heating(fuel="other", delivered_on=ON, request_on=ON, at_pump=True, category="debt",
                            lives_in_care_home=False, delivery_at_home_address=True, on=ON)
    fuel = result.condition("fuel")
    assert fuel.status is Status.NOT_MET and fuel.reason == OTHER_FUEL_REASON
    assert result.outcome is Outcome.PROBABLY_NOT_ELIGIBLE and result.amount is None


def test_an_open_deadline_is_worded_as_the_last_day_to_ask_when_no_request_is_made_yet():
    delivered = dt.date(2026, 11, 1)
    asked = assess_heating(fuel="gasoil", delivered_on=delivered, request_on=ON, on=ON, request_not_made_yet=True)
    made = assess_heating(fuel="gasoil", delivered_on=delivered, request_on=ON, on=ON)
    last_day = format_date_fr(heating_request_deadline(delivered))
    assert asked.condition("request_deadline").reason == (
        f"Vous êtes dans le délai : demandez au plus tard le {last_day}.")
    assert made.condition("request_deadline").reason == f"Demande faite à temps (au plus tard le {last_day})."


def test_a_passed_deadline_reads_the_same_either_way():
    delivered = dt.date(2026, 1, 5)
    asked = assess_heating(fuel="gasoil", delivered_on=delivered, request_on=ON, on=ON, request_not_made_yet=True)
    assert asked.condition("request_deadline").status is Status.NOT_MET
    assert asked.condition("request_deadline") == assess_heating(
        fuel="gasoil", delivered_on=delivered, request_on=ON, on=ON).condition("request_deadline")


def test_deliveries_older_than_the_limit_are_not_assessed():
    assert delivery_max_age_days(ON) == 730  # heating_delivery_max_age in parameters.yml
    assert delivery_recent_enough(ON - dt.timedelta(days=730), ON)
    assert not delivery_recent_enough(ON - dt.timedelta(days=731), ON)
