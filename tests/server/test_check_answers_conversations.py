"""Guided checks answered as people write (issue 13), on the trained model, through the REST channel and the
action server: answers with extra words reach the result, a commune named on the way is kept, no question is
asked more than twice, and "ai-je droit à X ?" starts or offers the check however the sentence starts."""
import pytest
from helpers.server_harness import Conversation, texts

from actions.checks import ADVANCE, AMU, GUARANTEE, HEATING, PRIME, RIS

pytestmark = [pytest.mark.model, pytest.mark.server]

AGE_QUESTION = "Quel âge avez-vous ?"
WAY_OUT = "passer cette question"


class Person(Conversation):
    """A conversation that also keeps the buttons of the last reply."""

    def say(self, message: str) -> str:
        status, replies = self.servers.post(message, sender=self.sender)
        assert status == 200, f"HTTP {status} for {message!r}"
        self.buttons = [b for m in replies for b in (m.get("buttons") or [])]
        answer = texts(replies)
        self.history.append((message, answer))
        assert answer, f"no reply to {message!r}; conversation so far: {self.history}"
        return answer


def test_ris_check_answered_with_extra_words_reaches_the_result(bot):
    c = Person(bot, "extra-words-ris")
    assert "Belgique" in c.say("est-ce que j'aurais droit au RIS")
    assert AGE_QUESTION in c.say("oui, j'habite à Wavre depuis 5 ans"), c.history
    assert "nationalité" in c.say("j'ai 34 ans, bientôt 35"), c.history
    assert "Avec qui vivez-vous" in c.say("moi je suis belge de naissance"), c.history
    assert "par mois" in c.say("je vis toute seule dans un petit studio"), c.history
    assert "économies" in c.say("je touche à peu près 500 € de chômage"), c.history
    assert "travailler" in c.say("non je n'ai rien du tout"), c.history
    assert "autres allocations" in c.say("oui oui, si je trouve quelque chose"), c.history
    answer = c.say("c'est ça, j'ai déjà tout demandé")
    assert "probablement éligible" in answer, c.history
    assert "CPAS de Wavre" in answer, c.history            # the commune named in the first answer
    assert "CPAS de La Hulpe" not in answer


@pytest.mark.parametrize("commune", ["Wavre", "Liège", "Namur", "Bruxelles"])
def test_lives_in_belgium_answered_with_a_commune(bot, commune):
    c = Person(bot, f"commune-{commune}")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    answer = c.say(f"oui, j'habite à {commune} depuis 5 ans")
    assert AGE_QUESTION in answer, c.history
    assert "adressez-vous" not in answer and "Belgique" not in answer     # no finder answer, no same question


@pytest.mark.parametrize("answer", ["oui j'habite à Liège depuis toujours", "ouais", "bah oui", "oui oui",
                                    "c'est ça"])
def test_lives_in_belgium_other_yes(bot, answer):
    c = Person(bot, f"yes-{answer}")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    assert AGE_QUESTION in c.say(answer), c.history


def test_two_unreadable_answers_then_the_way_out(bot):
    c = Person(bot, "way-out")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("oui")
    first = c.say("bof")
    assert "Je n'ai pas compris votre âge" in first and AGE_QUESTION in first, c.history
    second = c.say("bof bof")
    assert WAY_OUT in second and AGE_QUESTION not in second, c.history
    titles = [b["title"] for b in c.buttons]
    assert titles == ["Arrêter la vérification", "Passer cette question", "Contacter le CPAS"], c.buttons
    skip = next(b["payload"] for b in c.buttons if b["title"] == "Passer cette question")
    assert "nationalité" in c.say(skip), c.history      # the age is left to the CPAS; next question


def test_the_way_out_then_stop(bot):
    c = Person(bot, "way-out-stop")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("bof")
    assert WAY_OUT in c.say("bof bof"), c.history
    stop = next(b["payload"] for b in c.buttons if b["title"] == "Arrêter la vérification")
    assert "j'arrête la vérification" in c.say(stop), c.history


def test_the_way_out_then_contact_then_an_answer(bot):
    c = Person(bot, "way-out-contact")
    c.say("Est-ce que j'ai droit au revenu d'intégration ?")
    c.say("bof")
    c.say("bof bof")
    contact = next(b["payload"] for b in c.buttons if b["title"] == "Contacter le CPAS")
    answer = c.say(contact)
    assert "02/" in answer or "Téléphone" in answer, c.history
    assert "Belgique ?" not in answer                   # the question is not asked a third time
    assert AGE_QUESTION in c.say("oui"), c.history      # an answer is still read


@pytest.mark.parametrize("question, spec", [
    ("est-ce que j'aurais droit au RIS", RIS),
    ("je voudrais savoir si je peux avoir la prime d'installation", PRIME),
    ("moi j'ai droit au chauffage ?", HEATING),
    ("et l'aide médicale urgente j'y ai droit ?", AMU),
    ("on a droit à une avance sur le chômage ?", ADVANCE),
    ("puis-je obtenir la garantie locative du cpas", GUARANTEE),
    ("ai-je droit à l'allocation de chauffage ?", HEATING),
    ("j'ai droit au revenu d'intégration moi ?", RIS),
])
def test_ai_je_droit_starts_or_offers_the_check(bot, question, spec):
    c = Person(bot, f"droit-{question}")
    answer = c.say(question)
    started = "Vérifions ensemble" in answer
    offered = spec.start_question in [b["payload"] for b in c.buttons]
    assert started or offered, (answer, c.buttons)


def test_a_situation_then_ai_je_droit_offers_the_heating_check(bot):
    c = Person(bot, "situation-heating")
    c.say("je me chauffe au mazout et je n'ai qu'une petite pension")
    answer = c.say("ai-je droit à l'allocation de chauffage ?")
    started = "Vérifions ensemble" in answer
    offered = HEATING.start_question in [b["payload"] for b in c.buttons]
    assert started or offered, (c.history, c.buttons)


@pytest.mark.parametrize("question, expected, spec", [
    ("c'est quoi la prime d'installation ?", "5 conditions", PRIME),
    ("qu'est-ce que l'allocation de chauffage ?", "Fonds social chauffage", HEATING),
    ("c'est quoi l'aide médicale urgente ?", "sans séjour légal", AMU),
])
def test_what_is_x_still_gets_the_faq_answer_with_the_check_offered(bot, question, expected, spec):
    c = Person(bot, f"what-{question}")
    answer = c.say(question)
    assert expected in answer and "Vérifions ensemble" not in answer, answer
    assert spec.start_question in [b["payload"] for b in c.buttons]
