"""Every unofficial mention reaches the warning on the trained model; no official source does."""
import pytest
from helpers.site_cases import OFFICIAL, UNOFFICIAL

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text", UNOFFICIAL)
def test_unofficial_mention_gets_the_warning_intent(parse, text):
    assert parse(text)["intent"]["name"] == "mention_unofficial_site"


@pytest.mark.parametrize("text", OFFICIAL)
def test_official_source_never_gets_the_warning_intent(parse, text):
    assert parse(text)["intent"]["name"] != "mention_unofficial_site"


def test_the_intent_before_the_warning_is_kept(parse):
    data = parse("cpas-info dit que j'ai droit à 1500 € par mois, c'est vrai ?")
    assert data["intent"]["name"] == "mention_unofficial_site"
    assert data["cpas_original_intent"]
