"""knowledge/faq_topics.yml and the pure follow-up logic (actions/lib/faq_topics.py, actions/lib/leaning.py)."""
import json
from pathlib import Path

import pytest
import yaml

from actions.lib.faq_topics import (
    FAQ_PREFIX,
    candidate_buttons,
    choice_payload,
    default_table,
    last_answer,
    person_variant,
    resolve,
    resolve_fresh,
)
from actions.lib.leaning import Leaning, is_short, own_topic, parse_leaning

ROOT = Path(__file__).resolve().parents[2]


def responses():
    out = {}
    for path in sorted((ROOT / "data" / "responses").glob("*.yml")):
        out.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    out.update(domain.get("responses") or {})
    return out


def test_every_faq_answer_is_in_the_table_and_nothing_else():
    keys = {name[len(FAQ_PREFIX):] for name in responses() if name.startswith(FAQ_PREFIX)}
    table = default_table()
    assert keys - set(table.answers) == set(), "FAQ answers missing from knowledge/faq_topics.yml"
    assert set(table.answers) - keys == set(), "knowledge/faq_topics.yml names answers that do not exist"


def test_every_target_of_the_table_is_a_response_and_every_topic_exists():
    known = set(responses())
    table = default_table()
    targets = [t for a in table.answers.values() for t in (a.persons or {}).values()]
    targets += [t for persons in table.topic_persons.values() for t in persons.values()]
    targets += list(table.global_persons.values()) + list(table.topic_main.values())
    targets += [t for aspects in table.topic_aspects.values() for t in aspects.values()]
    for target in targets:
        assert target in table.answers or target in known, target
    for answer in table.answers.values():
        assert answer.topic in table.topic_titles, answer
        assert 0 < len(answer.title) <= 48, answer.title


def test_choice_payloads_fit_in_telegram_callback_data():
    for key in default_table().answers:
        payload = choice_payload(key)
        assert len(payload.encode("utf-8")) <= 64, payload
        assert json.loads(payload[len("/choose_faq"):]) == {"faq_key": key}
    with pytest.raises(ValueError):
        choice_payload('x"}')


def test_choice_payloads_pass_the_channel_sanitizer_and_others_do_not():
    from cpas_rasa.privacy.sanitize import clean_message

    assert clean_message(choice_payload("ris_amounts")) == choice_payload("ris_amounts")
    assert not clean_message('/choose_faq{"faq_key":"nope"}').startswith("/")


@pytest.mark.parametrize("text, aspect, person", [
    ("et pour une famille ?", None, "family"),
    ("et pour un couple ?", None, "couple"),
    ("et pour un étudiant ?", None, "student"),
    ("et pour un cohabitant ?", None, "cohabitant"),
    ("c'est combien ?", "amount", None),
    ("et comment je la demande ?", "how_to_apply", None),
    ("où ?", "where", None),
    ("quels papiers ?", "documents", None),
    ("jusqu'à quand ?", "duration", None),
    ("c'est quoi les conditions ?", "conditions", None),
    ("et si je travaille ?", None, "worker"),
    ("et si je suis sans papiers ?", None, "undocumented"),
    ("et si on me la refuse ?", "appeal", None),
    ("je vis seule avec mes enfants", None, "family"),
    ("et je dois la rembourser ?", "repayment", None),
    ("et après ma demande il se passe quoi ?", "enquiry", None),
    ("et ça dure combien de temps ?", "duration", None),
    ("bonjour", None, None),
])
def test_parse_leaning(text, aspect, person):
    assert parse_leaning(text) == Leaning(aspect=aspect, person=person)


def test_own_topic_and_short():
    assert own_topic("et pour la prime d'installation ?") == "prime_installation"
    assert own_topic("et le chauffage ?") == "heating_allowance"
    assert own_topic("et pour une famille ?") is None
    assert is_short("et pour une famille ?") and not is_short(" ".join(["mot"] * 20))


@pytest.mark.parametrize("last, text, expected", [
    ("ris_amounts", "et pour une famille ?", "utter_ris_amount_family"),
    ("ris_amounts", "et pour un cohabitant ?", "utter_ris_amount_cohabitant"),
    ("ris_amounts", "et pour une personne seule ?", "utter_ris_amount_single"),
    ("ris_amounts", "et pour un couple ?", "utter_ris_amount_couple"),
    ("ris_amounts", "et pour un étudiant ?", "utter_faq/student_piis"),
    ("ris_amounts", "c'est quoi les conditions ?", "utter_faq/ris_conditions"),
    ("ris_amounts", "et si je travaille ?", "utter_faq/work_while_on_ris"),
    ("ris_amounts", "et comment je la demande ?", "utter_faq/apply_how"),
    ("ris_conditions", "c'est combien ?", "utter_faq/ris_amounts"),
    ("ris_conditions", "et pour une famille c'est combien ?", "utter_ris_amount_family"),
    ("ris_resources", "et pour un cohabitant ?", "utter_faq/ris_cohabitant_income"),
    ("ris_conditions", "jusqu'à quand ?", "utter_faq/revision"),
    ("prime_installation", "quels papiers ?", "utter_faq/documents_to_bring"),
    ("prime_installation", "c'est combien ?", "utter_faq/prime_installation"),
    ("heating_allowance", "et si je suis sans papiers ?", "utter_faq/urgent_medical_aid"),
    ("apply_how", "quels papiers ?", "utter_faq/documents_to_bring"),
    ("ris_amounts", "et si on me la refuse ?", "utter_faq/appeal"),
    ("rental_guarantee", "et je dois la rembourser ?", "utter_faq/rental_guarantee"),
    ("ris_amounts", "il faut rembourser ?", "utter_faq/recovery"),
    ("apply_how", "et après ma demande il se passe quoi ?", "utter_faq/social_enquiry"),
    ("prime_installation", "et ensuite ?", "utter_faq/social_enquiry"),
    ("piis", "et ça dure combien de temps ?", "utter_faq/piis"),
    # an amount or a duration the last answer does not give is asked back, never the appeal answer
    ("social_enquiry", "c'est combien ?", None),
    ("food_aid", "ça dure combien de temps ?", None),
    ("article27", "et pour un couple ?", None),
    ("ris_amounts", "bonjour", None),
    (None, "c'est combien ?", None),
])
def test_resolve(last, text, expected):
    assert resolve(default_table(), last, parse_leaning(text)) == expected


def test_resolve_fresh_starts_in_the_named_topic():
    table = default_table()
    assert resolve_fresh(table, "prime_installation", parse_leaning("et la prime, c'est combien ?")) == \
        "utter_faq/prime_installation"
    assert resolve_fresh(table, "ris_what", parse_leaning("et le ris c'est combien ?")) == "utter_faq/ris_amounts"


def test_last_answer_reads_faq_answers_and_variants_and_stops_at_session_start():
    table = default_table()
    events = [
        {"event": "bot", "metadata": {"utter_action": "utter_faq/article27"}},
        {"event": "session_started"},
        {"event": "bot", "metadata": {"utter_action": "utter_faq/ris_amounts"}},
        {"event": "user", "text": "et pour une famille ?"},
        {"event": "bot", "metadata": {"utter_action": "utter_ris_amount_family"}},
        {"event": "bot", "metadata": {"utter_action": "utter_greet"}},
    ]
    assert last_answer(events, table) == "ris_amounts"
    assert last_answer(events[:2], table) is None
    assert last_answer(events[:1], table) == "article27"


def test_candidate_buttons_are_titled_in_plain_words():
    buttons = candidate_buttons(default_table(), ["ris_amounts", "ris_amounts", "unknown", "ris_cohabitant_income",
                                                  "sanctions", "appeal"])
    assert [b["title"] for b in buttons] == ["Les montants du RIS", "Les revenus des personnes qui vivent avec vous",
                                             "Les sanctions du CPAS"]
    assert buttons[0]["payload"] == '/choose_faq{"faq_key":"ris_amounts"}'


@pytest.mark.parametrize("key, text, expected", [
    ("ris_resources", "Les ressources de mes colocataires comptent pour le RIS ?", "ris_cohabitant_income"),
    ("ris_resources", "le cpas compte aussi l'argent de mes parents ?", "ris_cohabitant_income"),
    ("ris_resources", "mon mari travaille, son salaire compte ?", "ris_cohabitant_income"),
    ("ris_resources", "quels revenus comptent pour le RIS ?", None),                # one's own resources
    ("ris_resources", "je vis seule avec mes enfants, quels revenus comptent ?", None),  # a family: not a swap
    ("ris_amounts", "les montants pour un couple ?", None),         # its variant is a response, not a FAQ answer
    ("ris_cohabitant_income", "et mes colocataires ?", None),       # already that answer
    ("unknown_key", "mes colocataires", None),
])
def test_a_first_question_naming_whose_income_gets_that_answer(key, text, expected):
    assert person_variant(default_table(), key, text) == expected
