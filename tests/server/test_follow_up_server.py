"""Follow-ups in context and asking back, over the REST channel against the trained model (issue 13)."""
import pytest
from helpers.server_harness import Conversation, texts

from actions.session_slots import session_slots

pytestmark = [pytest.mark.model, pytest.mark.server]

CLARIFY = "Vous parlez de"
FALLBACK = "Je ne suis pas sûr d'avoir compris"


@pytest.fixture(scope="module")
def amounts():
    return session_slots()


def test_family_then_cohabitant_after_the_ris_amounts(bot, amounts):
    talk = Conversation(bot, "fu-family")
    first = talk.say("Quels sont les montants du revenu d'intégration ?")
    assert amounts["ris_cat3"] in first
    family = talk.say("et pour une famille ?")
    assert "catégorie 3" in family and amounts["ris_cat3"] in family and amounts["ris_date"] in family, family
    assert amounts["ris_cat1"] not in family, "only the family amount"
    cohabitant = talk.say("et pour un cohabitant ?")
    assert "catégorie 1" in cohabitant and amounts["ris_cat1"] in cohabitant and amounts["ris_date"] in cohabitant


def test_papers_after_the_prime_d_installation(bot):
    talk = Conversation(bot, "fu-prime")
    assert "prime d'installation" in talk.say("Comment demander la prime d'installation ?")
    papers = talk.say("quels papiers ?")
    assert "carte d'identité" in papers and "preuves de revenus" in papers, papers


def test_another_aspect_of_the_same_topic(bot, amounts):
    talk = Conversation(bot, "fu-aspect")
    assert "6 conditions" in talk.say("Quelles sont les conditions pour avoir le revenu d'intégration ?")
    how_much = talk.say("c'est combien ?")
    assert amounts["ris_cat2"] in how_much and amounts["ris_date"] in how_much, how_much


def test_a_follow_up_with_its_own_topic_starts_fresh(bot):
    talk = Conversation(bot, "fu-fresh")
    talk.say("Quels sont les montants du revenu d'intégration ?")
    answer = talk.say("et la prime d'installation, c'est quoi ?")
    # The prime's own answer (its conditions), not the RIS amounts per category of the previous answer.
    assert "prime d'installation" in answer and "fois dans la vie" in answer and "catégorie 1" not in answer, answer
    answer = talk.say("Qu'est-ce que l'aide médicale urgente ?")
    assert "aide médicale urgente" in answer, answer


def test_a_vague_message_gets_buttons_and_a_click_gives_that_answer(bot):
    status, replies = bot.post("quelles conséquences sur mon RIS ?", sender="fu-vague")
    assert status == 200
    asked = [m for m in replies if CLARIFY in (m.get("text") or "")]
    assert asked and 2 <= len(asked[0].get("buttons") or []) <= 3, replies
    button = asked[0]["buttons"][0]
    assert button["payload"].startswith("/choose_faq") and len(button["payload"].encode()) <= 64
    status, replies = bot.post(button["payload"], sender="fu-vague")
    answer = texts(replies)
    assert status == 200 and answer and CLARIFY not in answer and FALLBACK not in answer, replies


def test_nonsense_still_gets_the_plain_fallback(bot):
    _, replies = bot.post("zorglub blip fnarf", sender="fu-nonsense")
    answer = texts(replies)
    # A plain answer that the bot cannot help (the fallback, or the out-of-scope answer), never topic buttons.
    assert (FALLBACK in answer or "je ne peux pas vous aider pour cela" in answer) and CLARIFY not in answer, answer


def test_what_happens_after_the_request_and_repaying_the_guarantee(bot):
    talk = Conversation(bot, "fu-next")
    assert "CPAS" in talk.say("Comment faire une demande d'aide au CPAS ?")
    after = talk.say("et ensuite, il se passe quoi ?")
    assert "enquête sociale" in after and "décide" in after and "jours" in after, after
    talk = Conversation(bot, "fu-repay")
    assert "garantie locative" in talk.say("Le CPAS peut-il m'aider pour la garantie locative ?")
    assert "rembourser" in talk.say("faut-il la rembourser après ?")
