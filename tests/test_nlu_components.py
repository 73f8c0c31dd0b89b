"""The small NLU components of cpas_rasa/nlu/ on handmade messages: no trained model needed.

- ResponseTextDropper: the FAQ answers' texts never go through the training pipeline (training time);
- EligibilityQuestion: "est-ce que je peux avoir le RIS ?" gets the RIS check, a general question its FAQ answer.
"""
from rasa.shared.nlu.constants import RESPONSE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

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
