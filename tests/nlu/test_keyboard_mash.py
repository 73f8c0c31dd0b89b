"""cpas_rasa/nlu/keyboard_mash.py: letters typed at random get the plain fallback; French as people write it,
SMS spellings and commune names do not."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from cpas_rasa.nlu.keyboard_mash import KeyboardMash, looks_like_keyboard_mash


@pytest.mark.parametrize("text", ["qsdkjf mlkqsjd pouet", "azdfghjk", "sdfghj klmpq", "xcvbn nbvcx wxcvb ?"])
def test_keyboard_mash(text):
    assert looks_like_keyboard_mash(text)


@pytest.mark.parametrize("text", [
    "slt jsuis a la rue avc mon chien dpuis 2 mois g pu rien", "pkoi le cpas me demande ça", "bjr, svp c koi le RIS",
    "Ottignies-Louvain-la-Neuve", "Schaerbeek", "Braine-l'Alleud", "j'habite à Wavre", "ok", "1310", "???",
    "je vis seule avec mes deux enfants", "mdr", "ocmw", "Sint-Pieters-Woluwe", "Knokke-Heist",
    "ocmwhulp", "arbeidsrechtbank", "ik wil een leefloon aanvragen bij het ocmw", "Merksplas",
])
def test_french_sms_spellings_and_communes_are_not_mash(text):
    assert not looks_like_keyboard_mash(text)


def _message(text, intent="inform_commune", confidence=0.4):
    m = Message(data={"text": text})
    m.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    m.set("intent_ranking", [{"name": intent, "confidence": confidence}], add_to_output=True)
    return m


def test_mash_becomes_the_fallback_and_other_messages_are_left_alone():
    mash, commune, payload = _message("qsdkjf mlkqsjd pouet"), _message("à Wavre", confidence=0.9), _message("/stop")
    KeyboardMash({}).process([mash, commune, payload])
    assert mash.get("intent")["name"] == "nlu_fallback"
    assert commune.get("intent") == {"name": "inform_commune", "confidence": 0.9}
    assert payload.get("intent")["name"] == "inform_commune"
