"""Rules as code for the CPAS assistant: pure functions, Decimal money, dated parameters.

Never imports rasa or rasa_sdk. Amounts come from parameters.yml, each row with its date and source.
"""
from .advance import assess_advance
from .assessment import CAVEAT, Assessment, ConditionResult, Outcome, Status
from .competent_cpas import CompetentCpas, competent_cpas, transfer_deadline
from .deadlines import appeal_deadline, decision_deadline, first_payment_deadline, notification_deadline
from .heating import assess_heating, heating_allowance, heating_income_ceiling, heating_request_deadline
from .installation_premium import assess_installation_premium, installation_premium_amount
from .medical_aid import assess_urgent_medical_aid
from .parameters import Row, parameter
from .rental_guarantee import assess_rental_guarantee
from .resources import savings_yearly_resources
from .ris import assess_ris, estimate_ris, ris_amount
from .sanctions import sanction_earliest_start, sanction_max_months, suspended_sanction_latest_application

__all__ = [
    # The five core functions.
    "ris_amount",
    "heating_allowance",
    "appeal_deadline",
    "heating_request_deadline",
    "savings_yearly_resources",
    # Eligibility checks and their result types.
    "Assessment",
    "ConditionResult",
    "Outcome",
    "Status",
    "CAVEAT",
    "assess_ris",
    "assess_installation_premium",
    "assess_heating",
    "assess_urgent_medical_aid",
    "assess_advance",
    "assess_rental_guarantee",
    # Other helpers.
    "estimate_ris",
    "installation_premium_amount",
    "heating_income_ceiling",
    "decision_deadline",
    "notification_deadline",
    "first_payment_deadline",
    "CompetentCpas",
    "competent_cpas",
    "transfer_deadline",
    "sanction_max_months",
    "sanction_earliest_start",
    "suspended_sanction_latest_application",
    "Row",
    "parameter",
]
