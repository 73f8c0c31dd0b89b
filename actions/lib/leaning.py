"""Read a short follow-up message that leans on the previous answer (pure: no Rasa import).

``parse_leaning("et pour une famille ?")`` -> ``Leaning(aspect=None, person="family")``;
``parse_leaning("c'est combien ?")`` -> ``Leaning(aspect="amount", person=None)``. The aspect and person
names are those of knowledge/faq_topics.yml. The patterns run on the message in lower case without accents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Pattern, Tuple

from actions.lib.text import strip_accents

MAX_LEANING_WORDS = 12  # a longer message is a question of its own


def normalize(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces."""
    text = strip_accents(text or "").lower()
    text = text.replace("\u2019", "'").replace("`", "'")
    return " ".join(text.split())


def _rx(*patterns: str) -> Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Order matters: the first aspect that matches wins ("c'est quoi les conditions" is conditions, not definition).
ASPECTS: List[Tuple[str, Pattern[str]]] = [
    ("documents", _rx(r"(?<!sans )(?<!sans-)\bpapiers?\b", r"\bdocuments?\b", r"\bpieces?\b", r"\bjustificatifs?\b",
                      r"\bpreuves?\b", r"\bapporter\b", r"\bamener\b", r"\bfournir\b")),
    ("appeal", _rx(r"\brecours\b", r"\bcontester\b", r"\bcontestation\b", r"\b(?:me |m'|on me |ils me )?refus",
                   r"pas d'accord", r"\btribunal\b")),
    ("duration", _rx(r"jusqu'a quand", r"\bpendant combien\b", r"\bcombien de (?:mois|annees|ans)\b",
                     r"\bduree\b", r"\bca dure\b", r"\bdure combien\b", r"\bpour toujours\b", r"\bune seule fois\b",
                     r"\bune fois dans\b",
                     r"\bplusieurs fois\b", r"\bdeux fois\b", r"\bencore une fois\b",
                     r"\bune (?:deuxieme|seconde) fois\b")),
    ("repayment", _rx(r"\brembours", r"\brendre (?:l'argent|cet argent|la somme)\b", r"\ba rendre\b",
                      r"\brecuperer\b", r"\brecupere\b")),
    ("delay", _rx(r"combien de temps", r"\bdelais?\b", r"\bquand (?:est-ce que )?(?:je |j'|on )(?:vais |va )?"
                                                            r"(?:avoir|recevoir|saurai|aurai|recevrai)",
                  r"\breponse\b", r"\bca prend\b", r"\bca met\b")),
    ("amount", _rx(r"\bcombien\b", r"\bmontants?\b", r"\bquel prix\b", r"\bca fait\b", r"\bcombien d'argent\b",
                   r"\btaux\b", r"\beuros?\b", r"\bpayant\b", r"\bgratuit", r"\bdes frais\b",
                   r"\btarif\b", r"\bc'est cher\b", r"\bca coute\b", r"\bcoute\b")),
    ("conditions", _rx(r"\bconditions?\b", r"\bcriteres?\b", r"\bqui (?:a|peut|y a) droit\b", r"\bqui peut\b",
                       r"\by ai[ -]je droit\b", r"\bj'y ai droit\b", r"\bai[ -]je droit\b", r"\bj'ai droit\b",
                       r"\bpour qui\b", r"\bil faut quoi\b", r"\beligible\b")),
    ("enquiry", _rx(r"\bil se passe quoi\b", r"\bqu'est-ce qui se passe\b", r"\bque se passe-t-il\b",
                    r"\bet apres\b", r"\bapres (?:ma|la|une) demande\b", r"\bla suite\b", r"\bensuite\b",
                    r"\benquete\b", r"\bvisite\b", r"\bvient chez moi\b")),
    ("how_to_apply", _rx(r"\bcomment\b.*\b(?:demande|demander|obtenir|obtient|avoir|faire|fait|introduire|"
                         r"inscrire|s'inscrire|ca se passe|proceder)\b",
                         r"\bla demande\b", r"\bdemander\b", r"\bdemarches?\b", r"\bcomment faire\b",
                         r"\bcomment on fait\b", r"\bje m'y prends\b", r"\bformulaire\b", r"\bintroduire\b")),
    ("where", _rx(r"(?:^|\s)ou\s*\?", r"^(?:et )?ou\b", r"\bou (?:aller|ca|est-ce|dois|faut|m'adresser|je)\b",
                  r"\ba qui\b", r"\bquel cpas\b", r"\bquelle adresse\b", r"\bquel bureau\b", r"\bquel service\b",
                  r"\bauquel\b")),
    ("definition", _rx(r"\bc'est quoi\b", r"\bqu'est-ce que c'est\b", r"\bca veut dire\b", r"\bca sert a quoi\b",
                       r"\bc'est a dire\b", r"\bexplique")),
]

PERSONS: List[Tuple[str, Pattern[str]]] = [
    ("undocumented", _rx(r"\bsans[ -]papiers?\b", r"\billegal", r"\bsans titre de sejour\b", r"\bsejour illegal\b")),
    ("asylum", _rx(r"\basile\b", r"\bfedasil\b", r"\bdemandeur d'asile\b")),
    ("homeless", _rx(r"\bsans[ -]abri\b", r"\bsdf\b", r"\ba la rue\b", r"\bdans la rue\b", r"\bsans domicile\b",
                     r"\bpas d'adresse\b", r"\bsans adresse\b", r"\bsans logement\b")),
    ("care_home", _rx(r"\bmaison de repos\b", r"\binstitution\b", r"\bmaison d'accueil\b")),
    ("eu_jobseeker", _rx(r"\beuropeen\b", r"\bcitoyen (?:de l')?ue\b", r"\bannexe 19\b")),
    ("student", _rx(r"\betudiants?\b", r"\betudiantes?\b", r"\betudes\b", r"\bj'etudie\b", r"\bun etudiant\b",
                    r"\bkot\b")),
    ("minor", _rx(r"\bmineurs?\b", r"\bmineure\b", r"\bmoins de 18\b", r"\b1[4-7] ans\b", r"\bado\b")),
    ("elderly", _rx(r"\bpensionnes?\b", r"\bpensionne\b", r"\bretraites?\b", r"\ba la retraite\b", r"\bages?\b",
                    r"\bpersonne agee\b", r"\b(?:6|7|8)\d ans\b", r"\bvieux\b")),
    ("self_employed", _rx(r"\bindependante?s?\b", r"\bmon commerce\b", r"\bma societe\b")),
    ("foreigner", _rx(r"\betrangers?\b", r"\betrangere\b", r"\bpas belge\b", r"\bnationalite\b",
                      r"\btitre de sejour\b", r"\brefugies?\b", r"\bcarte de sejour\b")),
    ("owner", _rx(r"\bproprietaire\b", r"\bma maison\b", r"\bun appartement a moi\b", r"\bun terrain\b")),
    ("savings", _rx(r"\beconomies\b", r"\bepargne\b", r"\bde l'argent de cote\b", r"\bun compte epargne\b")),
    ("worker", _rx(r"\bsi je travaille\b", r"\bsi (?:je|j') (?:trouve|ai|commence) (?:un )?(?:travail|emploi|job|"
                   r"boulot)\b", r"\bmi-temps\b", r"\btemps partiel\b", r"\bun salaire\b", r"\bje bosse\b",
                   r"\bsi je bosse\b", r"\bun job\b", r"\bun travail\b", r"\bun emploi\b", r"\bflexi", r"\binterim\b")),
    ("family", _rx(r"\bfamilles?\b", r"\benfants?\b", r"\bgosses?\b", r"\bbebes?\b", r"\bparent seul\b",
                   r"\bmaman solo\b", r"\bpapa solo\b", r"\ba charge\b", r"\bmenage avec\b", r"\bfils\b",
                   r"\bfille\b")),
    ("couple", _rx(r"\bcouples?\b", r"\ben menage\b", r"\bmaries?\b", r"\bmariee\b", r"\bconjoint", r"\bpartenaire\b",
                   r"\bmon mari\b", r"\bma femme\b", r"\bmon copain\b", r"\bma copine\b", r"\ba deux\b",
                   r"\bmon compagnon\b", r"\bma compagne\b")),
    ("cohabitant", _rx(r"\bcohabitants?\b", r"\bcohabitante\b", r"\bcohabite", r"\bcoloc", r"\bchez mes parents\b",
                       r"\b(?:de|des|avec) mes (?:parents|beaux-parents|grands-parents)\b",
                       r"\bavec quelqu'un\b", r"\bhebergee?\b", r"\bavec ma mere\b", r"\bavec mon pere\b")),
    ("single", _rx(r"\bisolee?s?\b", r"\bseule?\b", r"\bcelibataire\b", r"\btout seul\b", r"\btoute seule\b")),
]


# Words that name a topic of their own: such a message starts fresh ("et pour la prime d'installation ?").
# Each maps to the FAQ answer that the word names best (knowledge/faq_topics.yml keys).
OWN_TOPICS: List[Tuple[str, Pattern[str]]] = [
    ("prime_installation", _rx(r"\bprime\b", r"\binstallation\b")),
    ("heating_allowance", _rx(r"\bchauffage\b", r"\bmazout\b", r"\bgasoil\b", r"\bfonds social chauffage\b")),
    ("urgent_medical_aid", _rx(r"\baide medicale urgente\b", r"\bamu\b")),
    ("medical_card", _rx(r"\bcarte medicale\b", r"\brequisitoire\b")),
    ("health_insurance", _rx(r"\bmutuelle\b", r"\bcaami\b")),
    ("rental_guarantee", _rx(r"\bgarantie locative\b", r"\bcaution\b", r"\bgarantie\b")),
    ("housing_help", _rx(r"\blogement\b", r"\bloyer\b")),
    ("debt_mediation", _rx(r"\bdettes?\b", r"\bhuissier\b")),
    ("water_fund", _rx(r"\beau\b", r"\bvivaqua\b")),
    ("energy_social_tariff", _rx(r"\btarif social\b", r"\bgaz\b", r"\belectricite\b")),
    ("article27", _rx(r"\barticle 27\b", r"\btheatre\b", r"\bcinema\b", r"\bmusee\b")),
    ("food_aid", _rx(r"\bcolis\b", r"\bnourriture\b", r"\balimentaire\b", r"\bepicerie sociale\b")),
    ("piis", _rx(r"\bpiis\b", r"\bprojet individualise\b")),
    ("ris_what", _rx(r"\bris\b", r"\brevenu d'integration\b", r"\bminimex\b", r"\brevenu minimum\b")),
]


@dataclass(frozen=True)
class Leaning:
    """What a follow-up changes: the aspect of the topic, or the person (either may be None)."""

    aspect: Optional[str] = None
    person: Optional[str] = None

    @property
    def found(self) -> bool:
        return bool(self.aspect or self.person)


def _first(table: List[Tuple[str, Pattern[str]]], text: str) -> Optional[str]:
    for name, pattern in table:
        if pattern.search(text):
            return name
    return None


def parse_leaning(text: str) -> Leaning:
    """The aspect and the person a short follow-up asks about ("et pour une famille ?" -> person family)."""
    norm = normalize(text)
    return Leaning(aspect=_first(ASPECTS, norm), person=_first(PERSONS, norm))


def own_topic(text: str) -> Optional[str]:
    """The FAQ key of the topic the message names itself, if any ("et la prime ?" -> prime_installation)."""
    return _first(OWN_TOPICS, normalize(text))


def is_short(text: str) -> bool:
    """Short enough to lean on the previous answer."""
    return 0 < len(normalize(text).split()) <= MAX_LEANING_WORDS
