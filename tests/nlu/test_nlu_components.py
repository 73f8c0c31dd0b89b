"""The small NLU components of cpas_rasa/nlu/ on handmade messages: no trained model needed.

- ResponseTextDropper: the FAQ answers' texts never go through the training pipeline (training time);
- EligibilityQuestion: "est-ce que je peux avoir le RIS ?" gets the RIS check, a general question its FAQ answer;
- CommuneOnlyMessage: a message that is only a commune's name tells where the person lives (inform_commune).
"""
from rasa.shared.nlu.constants import RESPONSE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cpas_rasa.nlu.commune_only import CommuneOnlyMessage
from cpas_rasa.nlu.eligibility import REPLACED_KEY, EligibilityQuestion
from cpas_rasa.nlu.response_text_dropper import ResponseTextDropper


def faq_example(text, key):
    return Message(data={"text": text, "intent": "faq", "intent_response_key": f"faq/{key}"})


def test_the_answers_texts_leave_the_training_examples_but_stay_in_the_responses():
    responses = {"utter_faq/ris_amounts": [{"text": "Catégorie 1 : ... au 1er février 2025."}]}
    data = TrainingData(training_examples=[faq_example("combien est le ris", "ris_amounts"),
                                           Message(data={"text": "bonjour", "intent": "greet"})],
                        responses=responses)
    assert data.training_examples[0].get(RESPONSE)               # Rasa copied the answer onto the example
    out = ResponseTextDropper().process_training_data(data)
    assert all(example.get(RESPONSE) is None for example in out.training_examples)
    assert out.responses == responses                             # the ResponseSelector still finds them by key
    assert [e.get("intent_response_key") for e in out.training_examples] == ["faq/ris_amounts", None]
    message = Message(data={"text": "combien est le ris"})
    assert ResponseTextDropper().process([message]) == [message] and message.get("text") == "combien est le ris"


def parsed(text, intent="faq", key="ris_conditions", confidence=0.9):
    m = Message(data={"text": text})
    m.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    m.set("intent_ranking", [{"name": intent, "confidence": confidence}], add_to_output=True)
    m.set("response_selector", {"faq": {"response": {"intent_response_key": f"faq/{key}", "confidence": 0.9}}},
          add_to_output=True)
    EligibilityQuestion().process([m])
    return m


def test_a_personal_eligibility_question_starts_the_check():
    m = parsed("Est-ce que je peux avoir le revenu d'intégration ?")
    assert m.get("intent")["name"] == "check_ris"
    assert m.get("intent_ranking")[0]["name"] == "check_ris" and m.get("intent_ranking")[1]["name"] == "faq"
    assert m.get(REPLACED_KEY) == "faq/ris_conditions"
    assert parsed("suis-je dans les conditions pour la prime d'installation ?",
                  key="prime_installation").get("intent")["name"] == "check_prime"


def test_general_questions_and_other_intents_are_left_alone():
    m = parsed("Qui a droit au revenu d'intégration ?")
    assert m.get("intent")["name"] == "faq" and m.get(REPLACED_KEY) is None
    m = parsed("ai-je droit au ris ?", intent="check_ris")
    assert m.get("intent") == {"name": "check_ris", "confidence": 0.9} and m.get(REPLACED_KEY) is None


def commune_parsed(text, intent="nlu_fallback", confidence=0.3):
    m = Message(data={"text": text})
    m.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    m.set("intent_ranking", [{"name": intent, "confidence": confidence}], add_to_output=True)
    CommuneOnlyMessage().process([m])
    return m.get("intent")["name"]


def test_a_bare_commune_name_tells_the_commune():
    for text in ("hannut", "à Wavre", "cpas de Namur", "La Louvière", "j'habite à Braine-l'Alleud"):
        assert commune_parsed(text) == "inform_commune", text
    assert commune_parsed("Hannut", intent="faq", confidence=0.6) == "inform_commune"


def test_a_commune_inside_a_question_a_postal_code_or_an_ordinary_word_is_left_alone():
    assert commune_parsed("je veux le ris à Namur", intent="faq") == "faq"      # a question of its own
    assert commune_parsed("1300") == "nlu_fallback"                              # maybe an amount in a check
    assert commune_parsed("le bouillon") == "nlu_fallback"                       # soup, not the commune
    assert commune_parsed("merci", intent="thank") == "thank"


def test_a_resources_question_about_flatmates_gets_the_answer_on_the_people_one_lives_with():
    from cpas_rasa.nlu.faq_person import REPLACED_KEY as PERSON_REPLACED
    from cpas_rasa.nlu.faq_person import FaqPersonVariant

    m = Message(data={"text": "Les ressources de mes colocataires comptent pour le RIS ?"})
    m.set("intent", {"name": "faq", "confidence": 0.9}, add_to_output=True)
    m.set("response_selector", {"faq": {"response": {"intent_response_key": "faq/ris_resources",
                                                     "utter_action": "utter_faq/ris_resources"}}},
          add_to_output=True)
    FaqPersonVariant().process([m])
    selected = m.get("response_selector")["faq"]["response"]
    assert selected == {"intent_response_key": "faq/ris_cohabitant_income",
                        "utter_action": "utter_faq/ris_cohabitant_income"}
    assert m.get(PERSON_REPLACED) == "faq/ris_resources"
    own = Message(data={"text": "quels revenus comptent pour le RIS ?"})
    own.set("intent", {"name": "faq", "confidence": 0.9}, add_to_output=True)
    own.set("response_selector", {"faq": {"response": {"intent_response_key": "faq/ris_resources",
                                                       "utter_action": "utter_faq/ris_resources"}}},
            add_to_output=True)
    FaqPersonVariant().process([own])
    assert own.get("response_selector")["faq"]["response"]["utter_action"] == "utter_faq/ris_resources"
