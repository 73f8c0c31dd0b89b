"""Unofficial-site detector (actions/lib/sites.py) and the staff-editable knowledge/sites.yml. Pure Python."""
import os

import pytest
import yaml

from actions.lib.sites import (
    SITES_FILE,
    Mention,
    domain_of,
    find_unofficial_mentions,
    is_official,
    load_sites,
    mentions_official,
)

PROFILE_SITES = ("www.lahulpe.be",)   # what the La Hulpe profile adds at runtime


def domains(text, extra=PROFILE_SITES, path=None):
    return [m.domain for m in find_unofficial_mentions(text, extra_official=extra, path=path)]


# ---------------------------------------------------------------------------------------------- detected
@pytest.mark.parametrize("text, domain", [
    ("cpas-info.be", "cpas-info.be"),
    ("www.cpas-info.be", "cpas-info.be"),
    ("https://www.CPAS-INFO.be/demande-ris?x=1", "cpas-info.be"),
    ("http://cpas-info.be", "cpas-info.be"),
    ("cpas info point be", "cpas-info.be"),
    ("cpas-info point be", "cpas-info.be"),
    ("cpas . info . be", "cpas-info.be"),
    ("cpas info be", "cpas-info.be"),
    ("le site cpas tiret info point be", "cpas-info.be"),
    ("cpas_info", "cpas-info.be"),
    ("cpasinfo.be", "cpas-info.be"),
    ("cpasinfo", "cpas-info.be"),
    ("cpas.info", "cpas-info.be"),
    ("CPAS‑INFO.BE", "cpas-info.be"),                                   # non-breaking hyphen
    ("le site cpas info", "cpas-info.be"),
    ("cpas-info.be c'est officiel ?", "cpas-info.be"),
    ("j'ai donné mon numéro national sur cpas info", "cpas-info.be"),
    ("CPAS INFO m'a dit que j'avais droit à rien", "cpas-info.be"),
    ("est-ce que cpas-info dit vrai sur le montant du RIS ?", "cpas-info.be"),
    ("j'ai rempli le formulaire de cpasinfo hier soir", "cpas-info.be"),
    ("les infos de cpas info sur les conditions du ris sont a jour ?", "cpas-info.be"),
    ("j'ai écrit à contact@cpas-info.be mais personne ne répond", "cpas-info.be"),
    ("on m'a envoyé un lien https://cpas-info.be/faq pour faire ma demande", "cpas-info.be"),
    ("Bonjour, j'ai trouvé sur google le site cpas-info.be. Est-ce le vrai site du CPAS ?", "cpas-info.be"),
    ("j'ai mis mes coordonnées bancaires via cpas info, c'est grave ?", "cpas-info.be"),
    # one typo or a plural, where the text clearly names a site
    ("cpas-imfo.be", "cpas-info.be"),
    ("cpasinfp c'est fiable ?", "cpas-info.be"),
    ("le site cpas infos", "cpas-info.be"),
    ("cpas-infos.be", "cpas-info.be"),
    ("cpasinfos", "cpas-info.be"),
    # the Dutch site
    ("ocmw hulp", "ocmw-hulp.be"),
    ("OCMW-HULP.BE", "ocmw-hulp.be"),
    ("ocmwhulp", "ocmw-hulp.be"),
    ("www.ocmw-hulp.be c'est officiel ?", "ocmw-hulp.be"),
    ("ik heb mijn gegevens op ocmw hulp gezet", "ocmw-hulp.be"),
    ("le site ocmw-hulp.be est-il le même que cpas info ?", "ocmw-hulp.be"),
])
def test_unofficial_detected(text, domain):
    found = find_unofficial_mentions(text, extra_official=PROFILE_SITES)
    assert found and found[0].domain == domain, text
    assert isinstance(found[0], Mention) and found[0].matched and found[0].matched in text


def test_matched_text_and_order():
    text = "D'abord ocmw-hulp.be puis https://www.CPAS-INFO.be/demande-ris?x=1 et encore cpas info"
    found = find_unofficial_mentions(text)
    assert [m.domain for m in found] == ["ocmw-hulp.be", "cpas-info.be"]    # one per site, in order
    assert found[0].matched == "ocmw-hulp.be"
    assert found[1].matched.startswith("CPAS-INFO") and text[found[1].start:].startswith("CPAS-INFO")


# ---------------------------------------------------------------------------------------- never detected
@pytest.mark.parametrize("text", [
    "cpas de wavre",
    "info cpas",
    "je veux des infos sur le cpas",
    "les infos du cpas",
    "cpas information",
    "cpas informations pratiques",
    "je cherche une info sur le cpas",
    "le site du cpas de la hulpe",
    "mi-is.be",
    "https://www.mi-is.be/fr/cpas-info",            # a path on an official site
    "www.belgium.be/fr/famille",
    "socialsecurity.be",
    "lahulpe.be",
    "cpas.lahulpe.be",
    "https://www.lahulpe.be/cpas-info",
    "www.ocmw-info-cpas.be/fiche_FV_fr/la_prime_dinstallation",
    "le cpas. info: je ne sais pas quoi faire",     # punctuation between sentence parts
    "quel cpas ? info : j'habite wavre",
    "cpas, info utile svp",
    "mon cpas info ne répond pas",                  # "mon cpas": the CPAS itself
    "j'ai demandé au cpas infos sur ma demande",
    "cpas online",
    "www.cpasonline.be",                            # CPAS ONLINE, the official form of the SPP IS
    "https://www.cpasonline.be/",
    "cpasonline.be/fr/demande",
    "cpas.info@wavre.be",
    "ocmw-info-cpas",
    "j'ai besoin de l'aide du cpas",
    "",
    "   ",
])
def test_never_detected(text):
    assert domains(text) == [], text


@pytest.mark.parametrize("value", [None, 42, b"cpas-info.be", ["cpas-info.be"]])
def test_not_text(value):
    assert find_unofficial_mentions(value) == [] and mentions_official(value) == []


# ------------------------------------------------------------------------------------------ official list
@pytest.mark.parametrize("text, expected", [
    ("c'est bien www.mi-is.be ?", ["mi-is.be"]),
    ("https://www.belgium.be/fr/famille et socialsecurity.be", ["belgium.be", "socialsecurity.be"]),
    ("le moniteur sur www.ejustice.just.fgov.be", ["ejustice.just.fgov.be"]),
    ("inami.fgov.be", ["inami.fgov.be"]),
    ("finances.belgium.be", ["belgium.be"]),
    ("mi-is point be", ["mi-is.be"]),
    ("le site cpas.lahulpe.be", ["lahulpe.be"]),
    ("cpas-info.be", []),
    ("j'ai fait ma demande sur www.cpasonline.be", ["cpasonline.be"]),
])
def test_mentions_official(text, expected):
    assert mentions_official(text, extra_official=PROFILE_SITES) == expected


def test_is_official_and_domain_of():
    assert domain_of("https://www.LaHulpe.be/fr/cpas?x=1") == "lahulpe.be"
    assert is_official("https://www.mi-is.be/fr") and is_official("cpas.lahulpe.be", PROFILE_SITES)
    assert not is_official("cpas-info.be") and not is_official("lahulpe.be")


def test_shipped_file():
    data = yaml.safe_load(SITES_FILE.read_text(encoding="utf-8"))
    assert {e["domain"] for e in data["unofficial"]} >= {"cpas-info.be", "ocmw-hulp.be"}
    sites = load_sites()
    assert {"mi-is.be", "cpasonline.be", "belgium.be", "socialsecurity.be", "uvcw.be", "brulocalis.brussels",
            "vvsg.be"} <= set(sites.official)
    assert not set(sites.official) & {s.domain for s in sites.unofficial}


def test_extra_official_wins():
    """A domain the profile declares official is never warned about, even if it looks like a listed name."""
    assert domains("cpas-info.wavre.be", extra=()) == ["cpas-info.be"]
    assert domains("cpas-info.wavre.be", extra=("cpas-info.wavre.be",)) == []


# ---------------------------------------------------------------------------------------- staff editing
def _write(path, extra_entries, stamp):
    data = {
        "unofficial": [{"domain": "cpas-info.be", "names": ["cpas info"], "language": "fr"}] + extra_entries,
        "official": ["mi-is.be"],
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))     # a distinct modification time, whatever the file system's precision


def test_staff_file_is_reloaded_without_code_change(tmp_path):
    path = tmp_path / "sites.yml"
    _write(path, [], 1_000_000_000_000_000_000)
    assert domains("j'ai vu ça sur fake-cpas.be", path=path) == []
    assert domains("cpas-info.be", path=path) == ["cpas-info.be"]

    _write(path, [{"domain": "fake-cpas.be", "names": ["fake cpas"], "language": "fr"}], 1_000_000_002_000_000_000)
    assert domains("j'ai vu ça sur fake-cpas.be", path=path) == ["fake-cpas.be"]
    assert domains("le site FAKE CPAS m'a demandé ma carte d'identité", path=path) == ["fake-cpas.be"]
    assert domains("https://www.fakecpas.be/form", path=path) == ["fake-cpas.be"]

    _write(path, [], 1_000_000_004_000_000_000)          # removed again
    assert domains("fake-cpas.be", path=path) == []


def test_broken_staff_file_keeps_the_last_good_list(tmp_path, caplog):
    path = tmp_path / "sites.yml"
    _write(path, [{"domain": "fake-cpas.be"}], 1_000_000_000_000_000_000)
    assert domains("fake-cpas.be", path=path) == ["fake-cpas.be"]
    path.write_text("unofficial: [ {domain: \n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_009_000_000_000,) * 2)
    assert domains("fake-cpas.be", path=path) == ["fake-cpas.be"]
    assert "illisible" in caplog.text


def test_missing_file_falls_back_to_the_built_in_list(tmp_path):
    assert domains("cpas-info.be", path=tmp_path / "absent.yml") == ["cpas-info.be"]


def test_long_message_does_not_hang():
    text = "je voudrais des infos sur le cpas " * 2000 + "cpas-info.be"
    assert find_unofficial_mentions(text) == []          # only the first MAX_CHARS characters are read
    assert domains("cpas " * 5000) == [] and domains("-" * 20000) == []
