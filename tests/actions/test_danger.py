"""The danger-sign detector (actions/lib/danger.py) and the staff-editable knowledge/danger_signs.yml. Pure Python.

Every message of both evaluation sets (tests/heldout/danger/) is checked, then the printed summary gives the
misses and false alarms per kind:
    .venv/bin/python -m pytest tests/actions/test_danger.py -q -s -k summary
"""
import os
import time

import pytest
import yaml
from helpers.danger_cases import lookalike_cases, mixed_cases, summary, texts
from helpers.heldout import training_texts

from actions.lib.danger import (
    DEFAULT_SIGNS,
    KINDS,
    SIGNS_FILE,
    compile_pattern,
    explain,
    find_danger,
    load_signs,
    normalise,
    scan,
)


# ------------------------------------------------------------------------------------------ normalisation
@pytest.mark.parametrize("raw, expected", [
    ("Je VEUX plus vivreee…", "je veux plus vivre"),
    ("jveux mourrir", "je veux mourir"),
    ("J’ai envie de me foutre en l'air", "j ai envie de me foutre en l air"),
    ("chui à la rue", "je suis a la rue"),
    ("jai pa mangé depui hier", "j ai pas mange depuis hier"),
    ("il m'a frappée", "il m a frape"),
    ("on dort ds la voiture avc le bb", "on dort dans la voiture avec le bebe"),
    ("MOURIIIIR", "mourir"),
    ("jsuis dehor", "je suis dehors"),
    ("Sœur", "soeur"),
    ("", ""),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_patterns_are_normalised_like_the_text():
    # Staff write ordinary French: accents, double letters and apostrophes do not matter.
    pattern = compile_pattern("il m'a frappée ... (très fort|souvent)?")
    assert pattern.search(normalise("il m a frape hier"))
    assert pattern.search(normalise("Il m’a FRAPPÉE très fort"))
    assert not pattern.search(normalise("il m a aide"))


def test_pattern_syntax():
    assert compile_pattern("mot*").search("motif")
    assert compile_pattern("alpha ... omega").search("alpha x y z omega")
    assert not compile_pattern("alpha ... omega").search("alpha w x y z omega")        # at most three words in between
    assert compile_pattern("(je|j) (me)? suis").search("j suis")
    assert compile_pattern("(je|j) (me)? suis").search("je me suis")
    assert not compile_pattern("tuer").search("tuerie")                 # whole words only
    assert compile_pattern("re:\\bab+c").search("abbc")
    with pytest.raises(ValueError):
        compile_pattern("(x)?")


# ------------------------------------------------------------------------------------------- the two sets
@pytest.mark.parametrize("case", mixed_cases(), ids=lambda c: c["text"][:50])
def test_every_mixed_message_gets_its_kinds(case):
    found = find_danger(case["text"])
    assert set(case["kinds"]) <= set(found), (found, explain(case["text"]))


@pytest.mark.parametrize("case", lookalike_cases(), ids=lambda c: c["text"][:50])
def test_no_lookalike_is_a_danger(case):
    result = scan(case["text"])
    assert "suicide" not in result.kinds, explain(case["text"])
    assert not result.kinds, explain(case["text"])


def test_the_sets_are_large_enough_and_cover_every_kind():
    mixed, looks = mixed_cases(), lookalike_cases()
    assert len(mixed) >= 60 and len(looks) >= 60
    for kind in KINDS:
        assert sum(kind in c["kinds"] for c in mixed) >= 10, kind
    assert all(set(c["kinds"]) <= set(KINDS) for c in mixed)
    assert len(set(texts(mixed))) == len(mixed) and len(set(texts(looks))) == len(looks)


def test_the_sets_are_not_training_data():
    seen = training_texts()
    leaked = [t for t in texts(mixed_cases()) + texts(lookalike_cases()) if " ".join(t.lower().split()) in seen]
    assert not leaked, f"evaluation messages found in data/nlu: {leaked}"


def test_summary_of_the_detector_on_the_sets(capsys):
    report, misses, alarms, _ = summary(find_danger)
    with capsys.disabled():
        print("\nDetector alone (actions/lib/danger.py)\n" + report)
    assert not misses and not alarms, report


# ------------------------------------------------------------------------------------------- look-alikes
@pytest.mark.parametrize("text", [
    "mort de rire", "mdr", "le CPAS me tue avec ses papiers", "en finir avec ma demande", "menace de coupure",
])
def test_a_lookalike_alone_is_flagged_so_the_model_can_be_overruled(text):
    result = scan(text)
    assert not result.kinds and result.lookalike


def test_a_danger_sign_wins_over_a_lookalike_in_the_same_message():
    result = scan("mdr non sérieux je veux mourir")
    assert result.kinds == ("suicide",) and not result.lookalike


def test_kinds_come_in_answer_order():
    assert find_danger("j'ai rien mangé depuis hier, on dort dehors, il me frappe et je veux mourir") == (
        "suicide", "violence", "homeless", "hunger")


@pytest.mark.parametrize("text, kinds", [
    ("je meurs de faim", ("hunger",)),               # may be literal: the food-aid answer, not the suicide line
    ("on crève de faim à la maison", ("hunger",)),
    ("je vais mourir de faim", ("hunger",)),
    ("il va me tuer", ("violence",)),                 # a threat, not suicide
    ("je pense qu'il va me tuer", ("violence",)),
    ("je vais me tuer", ("suicide",)),
    ("bonjour", ()),
    ("/check_ris", ()),
])
def test_kind_boundaries(text, kinds):
    assert find_danger(text) == kinds


# ------------------------------------------------------------------------------------------- the file
def test_the_shipped_file_is_valid_and_complete():
    data = yaml.safe_load(SIGNS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["kinds"]) == KINDS
    signs = load_signs()
    assert signs.source == str(SIGNS_FILE)
    assert [k for k, _ in signs.kinds] == list(KINDS)
    assert signs.lookalikes


def test_the_file_is_reread_when_it_changes(tmp_path):
    path = tmp_path / "signs.yml"
    path.write_text(yaml.safe_dump({"kinds": {"hunger": ["ventre vide"]}}), encoding="utf-8")
    assert find_danger("j'ai le ventre vide", load_signs(path)) == ("hunger",)
    path.write_text(yaml.safe_dump({"kinds": {"hunger": ["estomac creux"]}}), encoding="utf-8")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))
    signs = load_signs(path)
    assert find_danger("j'ai le ventre vide", signs) == ()
    assert find_danger("estomac creux", signs) == ("hunger",)


def test_a_broken_file_keeps_the_last_good_version(tmp_path):
    path = tmp_path / "signs.yml"
    path.write_text(yaml.safe_dump({"kinds": {"violence": ["me frappe"]}}), encoding="utf-8")
    assert find_danger("il me frappe", load_signs(path)) == ("violence",)
    path.write_text("kinds: [pas une liste", encoding="utf-8")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))
    assert find_danger("il me frappe", load_signs(path)) == ("violence",)


def test_a_missing_file_falls_back_to_the_built_in_signs(tmp_path):
    signs = load_signs(tmp_path / "absent.yml")
    assert [k for k, _ in signs.kinds] == list(DEFAULT_SIGNS["kinds"])
    assert find_danger("je veux mourir", signs) == ("suicide",)
    assert find_danger("mort de rire", signs) == ()
