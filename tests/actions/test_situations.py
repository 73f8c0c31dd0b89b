"""The situation reader and the aid ranker (actions/lib/situations.py, knowledge/orientation.yml), no model."""
from pathlib import Path

import pytest
import yaml

from actions.lib.situations import (
    MAX_AIDS,
    Table,
    asks_question,
    fact_values,
    load_table,
    normalise,
    orient,
    rank_aids,
    read_situation,
)

ROOT = Path(__file__).resolve().parents[2]

# (message, features that must be read, features that must NOT be read)
FEATURE_CASES = [
    ("je suis seule avec mon bébé, mon ex ne paie pas la pension alimentaire et je n'ai plus rien",
     {"single_parent", "alimony_unpaid", "no_income"}, {"unemployment_end"}),
    ("J'AI PERDU MON BOULOT et g plus un rond", {"job_loss", "no_income"}, set()),
    ("l'onem m'envoie une lettre, mon chomage s'arrete au 1er mars", {"unemployment_end"}, {"job_loss"}),
    ("licenciée en janvier, j'attends toujours le paiement de la CAPAC", {"job_loss", "waiting_benefit"},
     {"unemployment_end"}),
    ("le propriétaire veut nous mettre à la porte, deux mois de loyer impayés", {"eviction", "rent_arrears"}, set()),
    ("Sans-papiers, mon fils est malade", {"undocumented", "illness", "child"}, {"refugee"}),
    ("réfugié reconnu, je dois quitter le centre Fedasil", {"refugee"}, {"asylum_seeker", "undocumented"}),
    ("demandeur d'asile arrivé hier, pas de place au centre", {"asylum_seeker"}, {"refugee"}),
    ("débouté de ma demande d'asile, j'ai un ordre de quitter le territoire", {"undocumented"}, {"asylum_seeker"}),
    ("plus de gaz ni de chauffage, la facture engie est impayée", {"energy_bill"}, {"heating_fuel"}),
    ("plus de mazout dans la cuve", {"heating_fuel"}, {"energy_bill"}),
    ("je vis dans un petit appart avec une petite pension", set(), {"child"}),
    ("mon mari a perdu son emploi et on ne paie plus rien", {"job_loss", "no_income"}, {"alimony_unpaid"}),
]


@pytest.mark.parametrize("text,present,absent", FEATURE_CASES, ids=[c[0][:40] for c in FEATURE_CASES])
def test_features_read(text, present, absent):
    features = read_situation(text)
    assert present <= features, (text, sorted(features))
    assert not (absent & features), (text, sorted(features))


# (message, aids expected in this order at the top, aids that must not be offered)
ORIENTATION_CASES = [
    # The example of issue 13: the revenu d'intégration (famille à charge) and the SECAL, never the abroad answer.
    ("je suis seule avec mon bébé, mon ex ne paie pas la pension alimentaire et je n'ai plus rien",
     ["ris", "alimony"], {"amu"}),
    ("je perds mes allocations de chômage en mars avec la nouvelle loi", ["ris_unemployment_end"], {"ris", "advance"}),
    ("fin de droits au chômage le mois prochain, ma femme est malade", ["ris_unemployment_end"], {"ris"}),
    ("j'ai reçu un jugement d'expulsion, l'huissier passe la semaine prochaine", ["housing"], set()),
    ("j'ai perdu mon travail et le chômage n'est toujours pas payé", ["advance"], {"ris_unemployment_end"}),
    ("sans papiers et enceinte de 4 mois", ["amu"], {"ris", "ris_student", "advance", "rental_guarantee"}),
    ("je suis demandeur d'asile, je dors dehors depuis une semaine", ["asylum"], {"ris", "amu"}),
    ("réfugié reconnu depuis un mois, je vis seul sans revenu", ["ris"], {"amu", "asylum"}),
    ("après un an à la rue j'ai trouvé un studio, il est vide", ["prime_installation"], {"homeless"}),
    ("je suis à la rue depuis 3 semaines", ["homeless"], {"prime_installation"}),
    ("des années en caravane au camping, et j'ai enfin signé un bail", ["prime_installation"], {"homeless"}),
    ("je sors de prison lundi, pas de logement et pas de revenu", ["ris"], set()),
    ("j'ai trouvé un appart mais je ne peux pas payer la caution", ["rental_guarantee"], set()),
    ("étudiante, mes parents ne m'aident plus et je n'ai aucun revenu", ["ris_student"], {"ris"}),
    ("handicapée, ma demande d'allocation est en cours depuis des mois", ["disability"], set()),
    ("des dettes partout, l'huissier menace de saisir", ["debts"], set()),
    ("facture de régularisation de gaz impossible à payer", ["energy"], {"heating"}),
    ("plus de mazout dans la cuve et une petite pension", ["heating"], set()),
    ("vivaqua menace de couper l'eau", ["water"], set()),
    ("le frigo est vide et je n'ai rien à manger", ["food"], set()),
    ("malade depuis des mois, je ne peux plus travailler", ["health"], {"amu"}),
    ("mon fils voudrait aller au cinéma avec sa classe mais on n'a pas les moyens", ["culture"], set()),
    ("le cpas m'a coupé le revenu d'intégration sans prévenir", ["appeal"], set()),
    ("j'ai déposé ma demande il y a deux mois et toujours pas de réponse", ["appeal"], set()),
    ("j'ai le ris et ma copine va venir vivre chez moi avec son salaire", ["household"], set()),
    ("fin du chômage le mois prochain, je vis chez mes parents qui travaillent tous les deux",
     ["ris_unemployment_end", "household"], {"ris"}),
    ("je gagne 600 euros à mi-temps, le cpas peut compléter mon salaire ?", ["ris"], set()),
]


@pytest.mark.parametrize("text,top,never", ORIENTATION_CASES, ids=[c[0][:40] for c in ORIENTATION_CASES])
def test_aids_for_situations(text, top, never):
    aids = orient(text)
    names = [aid.name for aid in aids]
    assert names[:len(top)] == top, (text, names)
    assert not (never & set(names)), (text, names)
    assert 1 <= len(aids) <= MAX_AIDS


def test_checks_are_offered_where_a_guided_check_exists():
    by_name = {aid.name: aid for aid in orient("je suis seule avec mon bébé, mon ex ne paie pas la pension "
                                               "alimentaire et je n'ai plus rien")}
    assert by_name["ris"].check == "check_ris"
    assert by_name["alimony"].check is None
    assert orient("sans papiers, ma fille a besoin d'un médecin")[0].check == "check_amu"
    assert orient("j'ai trouvé un logement après la rue")[0].check == "check_prime"
    assert orient("mon mazout est presque fini et c'est l'hiver")[0].check == "check_heating"


def test_nothing_read_gives_no_aid():
    assert read_situation("bonjour") == frozenset()
    assert orient("il fait beau aujourd'hui") == []


def test_ranking_uses_points_exclusions_and_combinations_of_a_table():
    table = Table(
        aids={"a": {"response": "utter_a"}, "b": {"response": "utter_b", "check": "check_b"},
              "c": {"response": "utter_c"}, "d": {"response": "utter_d"}},
        features={"x": {"aids": {"a": 2, "b": 3}}, "y": {"aids": {"c": 2}, "excludes": ["b"]},
                  "z": {"aids": {"d": 1}}},
        combinations=({"when": ["x", "z"], "add": {"d": 5}, "drop": ["a"]},),
    )
    assert [a.name for a in rank_aids({"x"}, table)] == ["b", "a"]
    assert [a.name for a in rank_aids({"x", "y"}, table)] == ["a", "c"]  # tie 2-2: table order
    assert [a.name for a in rank_aids({"x", "z"}, table)] == ["d", "b"]
    assert [a.name for a in rank_aids({"z"}, table)] == ["d"]  # an aid under the minimum, alone: kept
    assert [a.name for a in rank_aids({"x", "y", "z"}, table)] == ["d", "c"]
    assert rank_aids({"x"}, table)[0].check == "check_b"


def test_the_orientation_table_is_consistent_with_the_lexicon_and_the_responses():
    table = load_table()
    from actions.lib import situations

    assert set(table.features) == set(situations.LEXICON), "every feature of the lexicon has aids, and back"
    responses = yaml.safe_load((ROOT / "data/responses/situations.yml").read_text(encoding="utf-8"))["responses"]
    domain_intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
    for name, aid in table.aids.items():
        assert aid["response"] in responses, name
        buttons = [b["payload"] for b in responses[aid["response"]][0].get("buttons", [])]
        if aid.get("check"):
            assert aid["check"] in domain_intents
            assert f"/{aid['check']}" in buttons, f"{name}: the answer carries the button of its check"
        assert not [p for p in buttons if p.startswith("/check_") and p != f"/{aid.get('check')}"], name


def test_orientation_answers_type_no_amount_nor_delay():
    import re

    responses = yaml.safe_load((ROOT / "data/responses/situations.yml").read_text(encoding="utf-8"))["responses"]
    for name, variants in responses.items():
        text = variants[0]["text"]
        assert not re.search(r"\d+(?:[ ,.]\d+)* ?(?:€|euros?|jours?|mois|ans|%)", text), (name, text)


def test_fact_values_come_from_the_parameters():
    import datetime as dt

    from actions.rules.parameters import parameter

    on = dt.date(2026, 12, 1)
    values = fact_values(on)
    assert values["decision_days"] == f"{parameter('deadlines', on)['decision_days']} jours"
    assert values["heat_request_days"] == f"{parameter('heating_allowance', on)['request_days']} jours"


def test_asks_question():
    assert asks_question("c'est combien le ris ?")
    assert asks_question("comment demander la prime d'installation")
    assert asks_question("je suis seule avec deux enfants, est-ce que j'ai droit au ris")
    assert not asks_question("je suis seule avec mon bébé et je n'ai plus rien")
    assert not asks_question("mon compagnon m'a quittée quand j'étais enceinte")
    assert not asks_question("on va être expulsés le 15 avec les enfants")


def test_normalise():
    assert normalise("  J’AI   été EXPULSÉE ") == "j'ai ete expulsee"


MOTHER = "je suis seule avec mon bébé, mon ex ne paie pas la pension alimentaire et je n'ai plus rien"


def test_an_unrelated_faq_answer_to_a_situation_is_replaced():
    from actions.lib.situations import situation_instead_of

    assert situation_instead_of("faq/abroad", MOTHER)
    assert situation_instead_of("faq/article27", MOTHER + ", je fais quoi ?"), "a generic ask is no precise question"
    assert situation_instead_of("nlu_fallback", "mon propriétaire veut me mettre dehors à la fin du mois")
    assert situation_instead_of("faq/abroad", "mes allocations de chômage s'arrêtent en mars avec la réforme")
    # Keywords with one fact, and messages about one's file at the CPAS, keep their FAQ answer.
    assert not situation_instead_of("faq/advance_benefits", "avance sur indemnités de maladie")
    assert not situation_instead_of("faq/recovery", "je peux pas rembourser le cpas, je n'ai plus rien du tout")
    assert not situation_instead_of("faq/heating_allowance", "fais moi le calcul de l'allocation de chauffage svp")
    # A FAQ answer that fits the situation stays, and so does a precise question or one situation fact.
    assert not situation_instead_of("faq/maintenance_debtors", MOTHER)
    assert not situation_instead_of("faq/urgent_medical_aid",
                                    "je n'ai pas de titre de séjour et l'hôpital veut être payé")
    assert not situation_instead_of("faq/abroad",
                                    "je suis seule avec mon bébé et sans revenu, je pars au Maroc un mois, "
                                    "je perds mon ris ?")
    assert not situation_instead_of("faq/ris_amounts", "le ris pour une maman solo avec 2 enfants c'est combien")
    assert not situation_instead_of("faq/abroad", "je pars en vacances avec mes enfants")
    # Other intents are never touched.
    assert not situation_instead_of("crisis", MOTHER)
    assert not situation_instead_of("check_ris", MOTHER)
    assert not situation_instead_of("faq/abroad", "/check_ris")


def test_asks_specific_question():
    from actions.lib.situations import asks_specific_question

    assert asks_specific_question("je suis seule avec 2 enfants, combien je toucherais au ris ?")
    assert asks_specific_question("seule avec mon fils, le cpas peut-il payer la cantine ?")
    assert not asks_specific_question("seule avec mon fils et plus rien, aidez-moi svp")
    assert not asks_specific_question("j'ai perdu mon travail, qu'est-ce que je peux faire ?")
    assert not asks_specific_question("le cpas peut m'aider ?")


def test_the_nlu_component_replaces_an_unrelated_faq_answer():
    from rasa.shared.nlu.training_data.message import Message

    from cpas_rasa.nlu.situations import REPLACED_KEY, SituationClassifier

    def message(text, intent, key=None):
        m = Message(data={"text": text})
        m.set("intent", {"name": intent, "confidence": 0.8})
        m.set("intent_ranking", [{"name": intent, "confidence": 0.8}, {"name": "greet", "confidence": 0.1}])
        if key:
            m.set("response_selector", {"faq": {"response": {"intent_response_key": key, "confidence": 0.7}}})
        return m

    component = SituationClassifier({})
    replaced, kept, question = component.process([
        message(MOTHER, "faq", "faq/abroad"),
        message(MOTHER, "faq", "faq/maintenance_debtors"),
        message("Quels sont les montants du revenu d'intégration ?", "faq", "faq/ris_amounts"),
    ])
    assert replaced.get("intent")["name"] == "describe_situation"
    assert replaced.get("intent_ranking")[0]["name"] == "describe_situation"
    assert replaced.get(REPLACED_KEY) == "faq/abroad"
    assert kept.get("intent")["name"] == "faq" and kept.get(REPLACED_KEY) is None
    assert question.get("intent")["name"] == "faq"
