"""Labour court finder: the pure module (actions/lib/courts.py) and the Rasa action (action_find_labour_court).

The expected courts were read by hand in knowledge/belgium/ (cantons.json: the canton(s) listing the commune's
REFNIS code; courts.json: the labour court listing those cantons, its divisions, their address and website),
never produced by the code under test.
"""
from datetime import date
from pathlib import Path
from typing import Any, Dict, Optional

import pytest
import yaml
from helpers.trackers import build_tracker, run_action
from rasa_sdk import Tracker

from actions.labour_court_finder import ActionFindLabourCourt, appeal_months
from actions.lib.communes import Commune, get_commune, load_communes
from actions.lib.courts import (
    build_data,
    court_text,
    find_communes_for_court,
    format_phone,
    labour_court_answer,
    load_data,
)
from actions.rules import appeal_deadline

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://www.tribunaux-rechtbanken.be/"


def answer_for(text: str):
    result = find_communes_for_court(text)
    assert len(result.communes) == 1, (text, [c.name_fr for c in result.communes])
    return labour_court_answer(result.communes[0])


# ------------------------------------------------------------------------------------------- by commune
# text, commune (French name), id of the place to write to, city of its address, website, words of its label
CASES = [
    # Wallonia: Brabant wallon (cantons wavre-1, wavre-2) -> one court, no divisions, at Nivelles
    ("Wavre", "Wavre", "labour-court-brabant-wallon", "Nivelles",
     SITE + "fr/tribunal-du-travail-du-brabant-wallon", "tribunal du travail du Brabant wallon"),
    ("j'habite à La Hulpe", "La Hulpe", "labour-court-brabant-wallon", "Nivelles",
     SITE + "fr/tribunal-du-travail-du-brabant-wallon", "tribunal du travail du Brabant wallon"),
    ("Wavr", "Wavre", "labour-court-brabant-wallon", "Nivelles",
     SITE + "fr/tribunal-du-travail-du-brabant-wallon", "Brabant wallon"),
    ("1310", "La Hulpe", "labour-court-brabant-wallon", "Nivelles",
     SITE + "fr/tribunal-du-travail-du-brabant-wallon", "Brabant wallon"),
    ("louvain-la-neuve", "Ottignies-Louvain-la-Neuve", "labour-court-brabant-wallon", "Nivelles",
     SITE + "fr/tribunal-du-travail-du-brabant-wallon", "Brabant wallon"),
    # Tribunal du travail de Liège (cantons of Liège, Luxembourg, Namur): the commune's own division
    ("Namur", "Namur", "labour-court-liege-namur", "Namur",
     SITE + "fr/tribunal-du-travail-de-liege-division-namur", "tribunal du travail de Liège, division Namur"),
    ("Liège", "Liège", "labour-court-liege-liege", "Liège",
     SITE + "fr/tribunal-du-travail-de-liege-division-liege", "tribunal du travail de Liège, division Liège"),
    ("Arlon", "Arlon", "labour-court-liege-arlon", "Arlon",
     SITE + "fr/tribunal-du-travail-de-liege-division-arlon", "tribunal du travail de Liège, division Arlon"),
    # Tribunal du travail du Hainaut: the court itself has no address, its divisions do
    ("Mons", "Mons", "labour-court-hainaut-mons", "Mons",
     SITE + "fr/tribunal-du-travail-du-hainaut-division-mons", "tribunal du travail du Hainaut, division Mons"),
    ("Charleroi", "Charleroi", "labour-court-hainaut-charleroi", "Charleroi",
     SITE + "fr/tribunal-du-travail-du-hainaut-division-charleroi", "division Charleroi"),
    # German-speaking community: French and German names in the data
    ("Eupen", "Eupen", "labour-court-eupen", "Eupen",
     SITE + "fr/tribunal-du-travail-deupen", "tribunal du travail d'Eupen (Arbeitsgericht Eupen)"),
    # Brussels: the French-language court first
    ("Bruxelles", "Bruxelles", "labour-court-brussel-fr", "Bruxelles",
     SITE + "fr/tribunal-du-travail-francophone-de-bruxelles", "tribunal du travail francophone de Bruxelles"),
    ("Ixelles", "Ixelles", "labour-court-brussel-fr", "Bruxelles",
     SITE + "fr/tribunal-du-travail-francophone-de-bruxelles", "francophone de Bruxelles"),
    ("Schaerbeek", "Schaerbeek", "labour-court-brussel-fr", "Bruxelles",
     SITE + "fr/tribunal-du-travail-francophone-de-bruxelles", "francophone de Bruxelles"),
    ("Anderlecht", "Anderlecht", "labour-court-brussel-fr", "Bruxelles",
     SITE + "fr/tribunal-du-travail-francophone-de-bruxelles", "francophone de Bruxelles"),
    # Flanders: Dutch names only in the data -> a French label with the commune's French name
    ("Gent", "Gand", "labour-court-gent-gent", "Gent",
     SITE + "nl/arbeidsrechtbank-gent-afdeling-gent",
     "tribunal du travail de Gand, division Gand (Arbeidsrechtbank Gent, afdeling Gent)"),
    ("Antwerpen", "Anvers", "labour-court-antwerpen-antwerpen", "Antwerpen",
     SITE + "nl/arbeidsrechtbank-antwerpen-afdeling-antwerpen",
     "tribunal du travail d'Anvers, division Anvers (Arbeidsrechtbank Antwerpen, afdeling Antwerpen)"),
    ("Leuven", "Louvain", "labour-court-leuven", "Leuven",
     SITE + "nl/arbeidsrechtbank-leuven", "tribunal du travail de Louvain (Arbeidsrechtbank Leuven)"),
    ("Brugge", "Bruges", "labour-court-gent-brugge", "Brugge",
     SITE + "nl/arbeidsrechtbank-gent-afdeling-brugge", "tribunal du travail de Gand, division Bruges"),
    ("Hasselt", "Hasselt", "labour-court-antwerpen-hasselt", "Hasselt",
     SITE + "nl/arbeidsrechtbank-antwerpen-afdeling-hasselt", "tribunal du travail d'Anvers, division Hasselt"),
]


@pytest.mark.parametrize("text, commune, place_id, city, website, label", CASES)
def test_court_for_commune(text, commune, place_id, city, website, label):
    answer = answer_for(text)
    assert answer.commune.name_fr == commune
    assert answer.kind in ("single", "language")
    place = answer.options[0].place
    assert place.id == place_id
    assert place.city == city
    assert place.website == website
    assert label in answer.options[0].label
    text_out = court_text(answer)
    assert label in text_out and website in text_out and place.address in text_out
    assert place.address.endswith(city)


def test_every_commune_gets_a_court_with_a_website():
    communes = load_communes()
    assert len(communes) == 565
    for commune in communes:
        answer = labour_court_answer(commune)
        assert answer.kind != "none" and answer.options, commune.name_fr
        for option in answer.options:
            assert option.court.website.startswith(SITE), commune.name_fr
            assert option.place.address or option.candidates, commune.name_fr
        assert court_text(answer).startswith(("Pour ", commune.name_fr.replace("’", "'")))


# ---------------------------------------------------------------------------------- languages, Brussels
def test_brussels_gives_both_languages_french_first():
    answer = answer_for("Schaerbeek")
    assert answer.kind == "language" and answer.language_note == "bilingual"
    assert [o.court.id for o in answer.alternatives] == ["labour-court-brussel-nl"]
    text = court_text(answer)
    assert text.index("francophone") < text.index("Nederlandstalige Arbeidsrechtbank Brussel")
    assert "Place Poelaert 3 bte 3, 1000 Bruxelles" in text
    assert "Poelaertplein 3 bus 4, 1000 Brussel" in text
    # the phone line of the "aide sociale" menu choice (courts.json: +3226822078, "Aide sociale", "taper 6")
    assert "02 682 20 78 (tapez 6 : aide sociale)" in text


def test_halle_vilvoorde_dutch_court_first():
    # Vilvorde: canton vilvoorde, covered by both Brussels labour courts; Flemish Region
    answer = answer_for("Vilvoorde")
    assert answer.options[0].court.id == "labour-court-brussel-nl" and answer.language_note == "dutch"
    assert "néerlandais" in court_text(answer) and "francophone" not in court_text(answer)
    # Rhode-Saint-Genèse: canton sint-genesius-rode, a commune with language facilities
    answer = answer_for("Rhode-Saint-Genèse")
    assert answer.options[0].court.id == "labour-court-brussel-nl" and answer.language_note == "facilities"
    assert "facilités" in court_text(answer) and "tribunal du travail francophone de Bruxelles" in court_text(answer)


# ------------------------------------------------------------------------------- divisions, several cantons
def test_commune_in_eleven_cantons_one_answer():
    # Anvers (11002) is listed (partial) in 11 cantons, all covered by labour-court-antwerpen
    answer = answer_for("Antwerpen")
    assert answer.kind == "single" and len(answer.options) == 1
    assert len(answer.options[0].cantons) == 11
    assert "partagée" not in court_text(answer)


def test_commune_in_several_cantons_of_the_same_court_without_division():
    # Ostende (35013): cantons oostende-1 and oostende-2, labour-court-gent; no division named Ostende
    answer = answer_for("Oostende")
    option = answer.options[0]
    assert answer.kind == "single" and set(option.cantons) == {"oostende-1", "oostende-2"}
    assert option.division is None and option.division_status == "unknown"
    # the divisions of labour-court-gent whose arrondissement is west-vlaanderen
    assert {p.id for p in option.candidates} == {
        "labour-court-gent-brugge", "labour-court-gent-ieper", "labour-court-gent-kortrijk",
        "labour-court-gent-roeselare", "labour-court-gent-veurne"}
    text = court_text(answer)
    assert "n'importe laquelle" in text and "Kazernevest 3, 8000 Brugge" in text


def test_division_from_the_canton_seat_is_en_principe():
    # Amay (61003): canton huy-2, seat Huy -> division Huy of labour-court-liege
    answer = answer_for("Amay")
    option = answer.options[0]
    assert option.division.id == "labour-court-liege-huy" and option.division_status == "canton"
    assert "en principe la division Huy" in court_text(answer)
    assert "Quai d'Arona n°4, 4500 Huy" in court_text(answer)


def test_division_unknown_gives_the_court_and_the_divisions_of_the_province():
    # Waremme (64074): canton waremme (arrondissement liege); no division Waremme
    answer = answer_for("Waremme")
    option = answer.options[0]
    assert option.court.id == "labour-court-liege" and option.division is None
    assert {p.id for p in option.candidates} == {
        "labour-court-liege-huy", "labour-court-liege-liege", "labour-court-liege-verviers"}
    text = court_text(answer)
    assert text.startswith("Pour Waremme, c'est le tribunal du travail de Liège.")
    assert "Division Huy : Quai d'Arona n°4, 4500 Huy" in text
    assert SITE + "fr/tribunal-du-travail-de-liege" in text


def test_herstappe_has_no_cpas_but_a_court():
    # Herstappe (73028): canton tongeren-borgloon (seat Tongeren-Borgloon) -> labour-court-antwerpen
    answer = labour_court_answer(get_commune("73028"))
    assert answer.no_cpas
    option = answer.options[0]
    assert option.court.id == "labour-court-antwerpen"
    assert option.division.id == "labour-court-antwerpen-tongeren-borgloon"
    text = court_text(answer)
    assert "pas de CPAS propre" in text and "Kielenstraat 22/2, 3700 Tongeren-Borgloon" in text


def _commune(refnis: str, name: str, region: str = "03000") -> Commune:
    return Commune(refnis=refnis, name_fr=name, name_nl=name, province_fr="", region_id=region,
                   region_fr="", postal_codes=())


def _court(cid, name, cantons=(), kind="court", court=None, city="Ville", area="a"):
    entry = {"id": cid, "type": "labour-court", "kind": kind, "name": {"fr": name},
             "arrondissement": area, "address": {"street": "Rue 1", "postalCode": "9999", "city": city},
             "contacts": [{"type": "phone", "value": "+3221234567"}],
             "website": {"fr": SITE + "fr/" + cid}}
    if cantons:
        entry["cantons"] = list(cantons)
    if court:
        entry["court"] = court
    return entry


def _canton(cid, seat, refnis_list, area="a"):
    return {"id": cid, "arrondissement": area, "seat": {"fr": seat},
            "municipalities": [{"municipality": r, "partial": True} for r in refnis_list]}


def test_commune_shared_between_two_courts_says_so_and_gives_both():
    data = build_data(
        courts=[_court("lc-a", "Tribunal du travail de Aville", ["c1"], city="Aville"),
                _court("lc-b", "Tribunal du travail de Bville", ["c2"], city="Bville")],
        cantons=[_canton("c1", "Aville", ["99001"]), _canton("c2", "Bville", ["99001"])],
        municipalities=[{"id": "99001", "name": {"fr": "Entredeux"}}],
    )
    answer = labour_court_answer(_commune("99001", "Entredeux"), data)
    assert answer.kind == "cantons"
    assert [o.court.id for o in answer.options] == ["lc-a", "lc-b"]
    text = court_text(answer)
    assert text.startswith("Entredeux est partagée entre plusieurs cantons judiciaires : selon votre adresse")
    assert "tribunal du travail de Aville : Rue 1, 9999 Aville" in text
    assert "tribunal du travail de Bville : Rue 1, 9999 Bville" in text


def test_commune_shared_between_two_divisions_of_one_court():
    data = build_data(
        courts=[_court("lc", "Tribunal du travail de Grandville", ["c1", "c2"]),
                _court("lc-x", "Tribunal du travail de Grandville - division Xville", kind="division",
                       court="lc", city="Xville"),
                _court("lc-y", "Tribunal du travail de Grandville - division Yville", kind="division",
                       court="lc", city="Yville")],
        cantons=[_canton("c1", "Xville", ["99002"]), _canton("c2", "Yville", ["99002"])],
        municipalities=[{"id": "99002", "name": {"fr": "Milieu"}}],
    )
    answer = labour_court_answer(_commune("99002", "Milieu"), data)
    assert answer.kind == "cantons"
    assert [o.division.id for o in answer.options] == ["lc-x", "lc-y"]
    assert "en principe la division Xville" in court_text(answer)
    # the same commune in two cantons of the same division: one answer
    data = build_data(
        courts=[_court("lc", "Tribunal du travail de Grandville", ["c1", "c2"]),
                _court("lc-x", "Tribunal du travail de Grandville - division Xville", kind="division",
                       court="lc", city="Xville")],
        cantons=[_canton("c1", "Xville", ["99002"]), _canton("c2", "Xville", ["99002"])],
        municipalities=[{"id": "99002", "name": {"fr": "Milieu"}}],
    )
    answer = labour_court_answer(_commune("99002", "Milieu"), data)
    assert answer.kind == "single" and answer.options[0].cantons == ("c1", "c2")


def test_commune_without_canton():
    data = build_data(courts=[], cantons=[], municipalities=[{"id": "99003", "name": {"fr": "Nullepart"}}])
    answer = labour_court_answer(_commune("99003", "Nullepart"), data)
    assert answer.kind == "none" and "figure sur la décision du CPAS" in court_text(answer)


# ------------------------------------------------------------------------------------------------ helpers
@pytest.mark.parametrize("raw, shown", [
    ("+3226822078", "02 682 20 78"),
    ("+3267283715", "067 28 37 15"),
    ("+3250473700", "050 47 37 00"),
    ("+32475123456", "0475 12 34 56"),
    ("123", "123"),
])
def test_format_phone(raw, shown):
    assert format_phone(raw) == shown


def test_data_loaded_once():
    assert load_data() is load_data()


@pytest.mark.parametrize("text, expected", [
    ("adresse de l'arbeidsrechtbank Gent", ["Gand"]),
    ("le tribunal du travail compétent pour 1310 c'est lequel", ["La Hulpe"]),
    ("c'est lequel pour Jette ?", ["Jette"]),
    ("tribunal du travail à Wavr", ["Wavre"]),
    ("quel tribunal pour contester la décision du CPAS ?", []),
    ("tribunal du travail le plus proche de chez moi", []),
    ("il fait aube", []),
])
def test_find_communes_for_court(text, expected):
    assert [c.name_fr for c in find_communes_for_court(text).communes] == expected


def test_appeal_months_is_the_rules_value():
    # actions/rules/parameters.yml, deadlines since 2018-09-01: appeal_months: 3
    assert appeal_months(date(2026, 3, 1)) == 3
    assert appeal_deadline(date(2026, 1, 10)) == date(2026, 4, 10)


# ------------------------------------------------------------------------------------------- Rasa action
def make_tracker(text: str, intent: str, slots: Optional[dict] = None) -> Tracker:
    return build_tracker(text, intent, slots)


async def run(tracker: Tracker):
    return await run_action(ActionFindLabourCourt(), tracker)


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses_defined() -> Dict[str, str]:
    out = {}
    for path in (ROOT / "domain.yml", ROOT / "data" / "responses" / "labour_court.yml"):
        for name, variants in (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).items():
            out[name] = variants[0]["text"]
    return out


def rendered(message: Dict[str, Any]) -> str:
    """The response text with the values the action sent and the facts of the day, as the Rasa server fills the
    template (cpas_rasa/nlg.py: the facts, then the action's values)."""
    from cpas_rasa.nlg import render_values

    template = responses_defined()[message["response"]]
    values = {**render_values(),
              **{k: v for k, v in message.items() if k not in ("response", "buttons", "template")}}
    return template.format(**values)


async def test_action_commune_in_the_message():
    responses, events, messages = await run(make_tracker(
        "à quel tribunal du travail dois-je envoyer mon recours ? j'habite à Wavre", "ask_labour_court"))
    assert responses == ["utter_labour_court_found", "utter_labour_court_how"]
    court = rendered(messages[0])
    assert court.startswith("Pour Wavre, c'est le tribunal du travail du Brabant wallon")
    assert "Rue Clarisse 115, 1400 Nivelles" in court and SITE + "fr/tribunal-du-travail-du-brabant-wallon" in court
    how = rendered(messages[1])
    assert "3 mois après la notification de la décision du CPAS" in how
    assert "requête" in how and "signée" in how and "greffe" in how and "gratuit" in how
    assert "aide juridique de première ligne" in how and "bureau d'aide juridique" in how
    assert slot_events(events) == {"commune_candidates": None}


async def test_action_without_a_commune_asks_then_answers():
    responses, events, messages = await run(make_tracker("où envoyer mon recours contre le cpas ?",
                                                         "ask_labour_court"))
    assert responses == ["utter_ask_commune_labour_court"]
    assert "Dans quelle commune habitez-vous ?" in rendered(messages[0])
    # the next message (inform_commune) comes back to the action (rule of data/rules/labour_court.yml)
    responses, _, messages = await run(make_tracker("j'habite à Namur", "inform_commune"))
    assert responses == ["utter_labour_court_found", "utter_labour_court_how"]
    assert "tribunal du travail de Liège, division Namur" in rendered(messages[0])
    assert "rue Général Michel, 10, 5000 Namur" in rendered(messages[0])


async def test_action_ambiguous_postal_code_asks_which_then_answers():
    # postal-codes.json: 1040 -> 21004 (Bruxelles) and 21005 (Etterbeek)
    responses, events, messages = await run(make_tracker("tribunal du travail pour le code postal 1040",
                                                         "ask_labour_court"))
    assert responses == ["utter_ask_which_commune"]
    assert messages[0]["postal_code"] == "1040"
    assert sorted(b["title"] for b in messages[0]["buttons"]) == ["Bruxelles", "Etterbeek"]
    assert sorted(slot_events(events)["commune_candidates"]) == ["21004", "21005"]
    # the person clicks a button (its payload is the name), or writes the code again
    responses, events, messages = await run(make_tracker("Etterbeek", "inform_commune",
                                                         {"commune_candidates": ["21004", "21005"]}))
    assert responses == ["utter_labour_court_found", "utter_labour_court_how"]
    assert rendered(messages[0]).startswith("Pour Etterbeek, c'est le tribunal du travail francophone de Bruxelles")
    assert slot_events(events) == {"commune_candidates": None}
    responses, _, messages = await run(make_tracker("1040", "inform_commune", {"commune_candidates": ["21005"]}))
    assert responses[0] == "utter_labour_court_found" and "Pour Etterbeek" in rendered(messages[0])


async def test_action_ambiguous_name_asks_which():
    responses, events, messages = await run(make_tracker("tribunal du travail de braine", "ask_labour_court"))
    assert responses == ["utter_ask_which_commune_name"]
    assert sorted(b["payload"] for b in messages[0]["buttons"]) == sorted(
        ["Braine-l’Alleud", "Braine-le-Comte", "Braine-le-Château"])
    assert len(slot_events(events)["commune_candidates"]) == 3


async def test_action_unknown_place():
    responses, events, _ = await run(make_tracker("Trucmuche-sur-Mer", "inform_commune"))
    assert responses == ["utter_commune_not_found"]
    assert slot_events(events) == {"commune_candidates": None}
    responses, _, _ = await run(make_tracker("j'habite à Paris, quel tribunal du travail ?", "ask_labour_court"))
    assert responses == ["utter_ask_commune_labour_court"]


async def test_action_typo_and_german_speaking_commune():
    responses, _, messages = await run(make_tracker("tribunal du travail à Wavr", "ask_labour_court"))
    assert "Pour Wavre" in rendered(messages[0])
    responses, _, messages = await run(make_tracker("je vis à Eupen, quel tribunal ?", "ask_labour_court"))
    assert "tribunal du travail d'Eupen (Arbeitsgericht Eupen)" in rendered(messages[0])
    assert "Rathausplatz 4, 4700 Eupen" in rendered(messages[0])


def test_every_response_the_action_sends_is_defined():
    defined = responses_defined()
    for name in ("utter_labour_court_found", "utter_labour_court_how", "utter_ask_commune_labour_court",
                 "utter_ask_which_commune_name", "utter_ask_which_commune", "utter_commune_not_found"):
        assert name in defined, name


def test_rules_and_nlu_files():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "labour_court.yml").read_text(encoding="utf-8"))["rules"]
    steps = [r["steps"] for r in rules]
    assert [{"intent": "ask_labour_court"}, {"action": "action_find_labour_court"}] in steps
    assert [{"action": "action_find_labour_court"}, {"intent": "inform_commune"},
            {"action": "action_find_labour_court"}] in steps
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "labour_court.yml").read_text(encoding="utf-8"))["nlu"]
    examples = [line[2:] for line in nlu[0]["examples"].splitlines() if line.strip()]
    assert nlu[0]["intent"] == "ask_labour_court" and len(examples) >= 40 and len(set(examples)) == len(examples)


def test_action_server_registers_the_action():
    """As `rasa run actions --actions actions` loads the package (in a fresh interpreter: pytest's own
    sys.path makes rasa_sdk's package walk stumble on tests/rules)."""
    import subprocess
    import sys
    code = ("from rasa_sdk.executor import ActionExecutor; e = ActionExecutor(); e.register_package('actions'); "
            "print('action_find_labour_court' in e.actions)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.stdout.strip().splitlines()[-1] == "True", out.stderr[-2000:]
