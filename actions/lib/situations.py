"""A person describes a situation instead of asking a question: which aids fit it (pure, no rasa_sdk).

Two steps, both pure and tested on their own (tests/actions/test_situations.py):
- ``read_situation(text)`` finds the situation FEATURES in the message with the lexicon below (a mother alone
  with a child, no income, the end of the unemployment benefit, an eviction, no legal stay, debts...);
  the text is lower-cased, its accents stripped and its apostrophes unified first, so that SMS spellings
  and missing accents match ("g plus rien", "expulsee", "sans papier").
- ``rank_aids(features)`` gives each feature's points to the aids of knowledge/orientation.yml, applies the
  exclusions and the combinations, and returns the best aids (three at most), each with its response name and
  the intent of its guided check, if any.

``orient(text)`` does both. ``asks_question(text)`` says whether the message also asks something (a question
mark or a question word), which the NLU layer uses to tell "describing" from "asking".
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

import yaml

from actions.lib.text import strip_accents

TABLE_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "orientation.yml"
MAX_AIDS = 3
MIN_POINTS = 2  # an aid with fewer points (a side hint, e.g. food after "je n'ai plus rien") is left out...
# ...unless it is the only one.

# The lexicon: feature -> regular expressions on the normalised text (lower case, no accents, ' as apostrophe).
# "j" stands for "je" before a vowel as people write it ("jai", "j ai", "g" in SMS).
_KID = r"(?:bebe|bb|enfants?|gamins?|gosses?|fils|filles?|jumeaux|jumelles|nourrisson|loulous?)"
_HAVE_NOTHING = r"(?:(?:je n'?|j'?|j |g |jai |j'ai )?(?:n'?)?(?:ai|a) (?:plus )?rien|plus rien|rien du tout)"
LEXICON: Dict[str, Tuple[str, ...]] = {
    "single_parent": (
        rf"\bseule? avec (?:mon|ma|mes|un|une|deux|trois|quatre|\d) ?(?:petit |petite |jeune |)?{_KID}",
        rf"\bseule? avec (?:mon|ma|mes|les|nos) {_KID}",
        r"\b(?:maman|mere|papa|pere|parent) (?:solo|seule?|celibataire|isolee?)\b",
        r"\bfamille monoparentale\b",
        r"\bseule? (?:a (?:elever|m'?occuper de|gerer)|pour elever) (?:mon|ma|mes|les|un|une|\d)",
        r"\b(?:mon|le) (?:ex|mari|compagnon|copain|conjoint) (?:est parti|m'?a quitte|nous a quitte|a quitte la"
        r" maison)",
        r"\bsepar\w*\b.*\b(?:enfants?|bebe|fils|fille)\b",
        r"\b(?:quitte|parti|partie|fui)\b[^.]{0,25}\bavec (?:mes|les|mon|ma|nos) (?:enfants?|bebe|fils|fille|petits)\b",
    ),
    "child": (
        rf"\b(?:mon|ma|mes|un|une|deux|trois|quatre|\d) (?:petit |petite |jeune )?{_KID}\b",
        r"\b(?:mes|les|nos|3|trois|deux|2) petits\b", r"\benceinte\b", r"\bgrossesse\b", r"\bbebe\b",
    ),
    "no_income": (
        r"\b(?:sans|aucun|aucune|pas de|plus de|zero|0) (?:revenus?|ressources?|salaire|rentrees?|argent|thune|sous"
        r"|euros?)\b",
        r"\b(?:je n'?ai|j'?ai|j ai|jai|g|on n'?a|on a|nous n'?avons) (?:plus |pas |absolument |vraiment )?(?:rien"
        r"|un sou|un centime|un rond|un euro|d'?argent|de thune|de sous)\b",
        r"\bplus (?:rien|un sou|un centime|un rond|un euro|d'?argent|de thune|de sous|aucun revenu)\b",
        r"\bfauche\b", r"\bsans (?:un )?(?:sou|rond|centime|euro)\b", r"\bne touche (?:plus )?rien\b",
        r"\bje touche (?:plus )?rien\b", r"\bpas (?:le droit|droit) au chomage\b",
        r"\bcompte (?:est )?(?:vide|a zero|dans le rouge)\b",
        r"\bpersonne ne m'?aide\b", r"\brien pour vivre\b", r"\bpas de quoi vivre\b",
        r"\bje n'?arrive plus a (?:payer|vivre|m'?en sortir)",
        r"\bj'?arrive plus a (?:payer|vivre|m'?en sortir)",
    ),
    "job_loss": (
        r"\b(?:perdu|perds|perd|plus de|plus d'|pas de) (?:mon |son |sa |leur |d'?|de )?(?:travail|boulot|job"
        r"|emploi|taf|taff|contrat)\b",
        r"\blicencie(?:e|s)?\b", r"\bvire(?:e)? (?:de|du) (?:mon )?(?:travail|boulot|job)\b",
        r"\bviree?\b.*\b(?:travail|boulot|job|patron)\b",
        r"\bfin de (?:mon )?contrat\b", r"\bmon (?:contrat|interim) (?:s'?arrete|est fini|n'?a pas ete renouvele)\b",
        r"\bfaillite\b", r"\bsans (?:emploi|travail|boulot)\b", r"\bau chomage\b", r"\bje suis chomeuse?\b",
    ),
    "unemployment_end": (
        r"\bfin de (?:mes |mon )?droits?\b", r"\bexclue? (?:du|de mon|des allocations de) chomage\b",
        r"\b(?:plus|pas) droit (?:au|a mon) chomage\b",
        r"\b(?:perds|perd|perdu|perdons|perdre|perdrai|perdent)\s+(?:mon |mes |le |les |nos |tous les deux nos "
        r"|toutes mes )?(?:droit au |droits au )?(?:chomage|allocations? d'?insertion|allocations? de chomage)\b",
        r"\b(?:supprime\w*|arrete\w*|coupe\w*|retire\w*)\b[^.,]{0,20}\b(?:chomage|allocations? d'?insertion"
        r"|allocations? de chomage)\b",
        r"\b(?:chomage|allocations? d'?insertion|allocations? de chomage|onem)\b[^.,]{0,40}\b(?:s'?arrete\w*"
        r"|s'?arreter|supprime\w*|coupe\w*|fini\w*|termine\w*|prend fin|va s'?arreter|limite\w*|stop\w*"
        r"|suspendu\w*)",
        r"\bfin (?:de|du) (?:mon |ton |son |leur )?chomage\b",
        r"\bmes allocations (?:s'?arretent|sont supprimees|vont s'?arreter|s'?arreteront)\b",
        r"\blimitation (?:du chomage|dans le temps)\b", r"\bnouvelle loi\b.*\bchomage\b",
        r"\bchomage\b.*\bnouvelle loi\b",
        r"\blettre de l'?onem\b", r"\breforme du chomage\b", r"\bfin de (?:mes|ses|nos|leurs) allocations\b",
    ),
    "waiting_benefit": (
        r"\b(?:j'?attends|en attente|attend|attendre|pas encore (?:recu|touche|paye\w*)|toujours rien recu|rien"
        r" recu|pas (?:encore )?ete paye\w*)\b[^.]{0,50}\b(?:chomage|mutuelle|mutualite|pension|indemnites?"
        r"|allocations?|capac|syndicat|onem|paiement)\b",
        r"\b(?:assurance|chomage|mutuelle|mutualite|pension|indemnites?|allocations?|capac|syndicat"
        r"|onem)\b[^.]{0,50}\b(?:ne (?:me )?paie (?:rien|pas|toujours pas)|pas encore (?:paye|verse|arrive)\w*"
        r"|toujours pas (?:paye|verse|arrive)\w*|n'?a (?:toujours |encore )?(?:rien|pas) (?:paye|verse)|en retard"
        r"|bloque\w*|traine)",
        r"\b(?:pension|chomage|allocation|indemnite)s? (?:n'?est|n'?a|ne sont|n'?ont) (?:toujours |pas encore "
        r"|toujours pas |pas )+(?:ete )?(?:payee?s?|versee?s?|arrivee?s?)\b",
        r"\b(?:chomage|mutuelle|mutualite|caisse|capac|onem|syndicat)\b[^.]{0,30}\bne m'?a (?:encore |toujours"
        r" )?(?:rien|pas) (?:paye|verse)\w*",
        r"\bdossier (?:de chomage|a la mutuelle|de pension) (?:bloque|en cours)\b",
    ),
    "alimony_unpaid": (
        r"\bpension alimentaire\b", r"\bcontribution alimentaire\b", r"\bcreances? alimentaires?\b",
        r"\b(?:ex|pere|papa)\b[^.]{0,60}\b(?:ne paie|paie pas|paye pas|ne paye|ne verse|verse pas|ne donne|donne"
        r" rien|paie plus|paye plus|verse plus|arrete de (?:payer|verser|donner))\b",
        r"\bsecal\b",
    ),
    "eviction": (
        r"\bexpuls\w*", r"\b(?:proprio\w*|proprietaire|bailleur)\b[^.]{0,40}\b(?:dehors|porte)\b",
        r"\bproprio\w*\b[^.]{0,60}\b(?:veut|va|me|nous)\b[^.]{0,30}\b(?:dehors|partir|quitter|virer|expuls\w*"
        r"|renvoyer|preavis)",
        r"\bpreavis\b", r"\bjuge de paix\b", r"\bquitter (?:le|mon|l'?) ?(?:logement|appart\w*|maison|studio)\b",
        r"\bon (?:doit|va devoir) partir de (?:l'?appart\w*|la maison|chez nous)\b",
    ),
    "rent_arrears": (
        r"\b(?:loyers?|loyer) (?:impaye|en retard|pas paye|de retard)\w*", r"\barrieres? de loyer\b",
        r"\b(?:pas|plus|pu) (?:pu |reussi a |pouvoir )?payer (?:mon |le |les |mes )?loyers?\b",
        r"\b(?:\d|deux|trois|quatre|plusieurs) mois de loyer\b", r"\bdettes? de loyer\b",
        r"\bpeux (?:plus|pas) payer (?:mon |le )?loyer\b",
        r"\b(?:arrive|arrivons|arrivent) (?:plus|pas) a payer (?:mon |le |les |nos |notre )?loyers?\b",
        r"\bloyer (?:est )?en retard\b",
    ),
    "homeless": (
        r"\bsans[ -]?abri\b", r"\bsdf\b", r"\ba la rue\b", r"\b(?:apres|quitte|sorti\w*|de) (?:de )?la rue\b",
        r"\bdans la rue\b", r"\bdors? (?:dehors|dans (?:ma|la|une) voiture|a la gare|dans un parc)\b",
        r"\bdormir dehors\b", r"\b(?:sans|ni|pas de) (?:logement|domicile|toit)\b",
        r"\bplus de (?:logement|toit|domicile)\b",
        r"\bnulle part (?:ou|pour) (?:dormir|vivre|aller|loger|habiter)\b",
        r"\bperdu (?:mon|notre) (?:logement|appart\w*|maison)\b",
        r"\bde canape en canape\b", r"\bdors? chez (?:des|un|une|mes) (?:amis?|potes?|copains?|copines?)\b",
        r"\b(?:parents?|mari|femme|compagnon|compagne|copain|copine|ex)\b[^.]{0,30}\bmis\w* (?:dehors|a la porte)\b",
        r"\bpas d'?endroit ou dormir\b", r"\bsquat\w*\b",
        r"\bheberge\w* (?:chez|par) (?:des |un |une |mon |ma |mes )?(?:amis?|potes?|copains?|copines?|cousins?"
        r"|cousines?|connaissances?|gens)",
        r"\b(?:sur le|dors sur un) canape\b", r"\bmaison d'?accueil\b", r"\babri de nuit\b", r"\bsamu social\b",
    ),
    "prison_release": (
        r"\bsor(?:s|t|tie|ti|tir|tirai)\b[^.]{0,6}\bde prison\b", r"\bsortie de prison\b",
        r"\b(?:libere|liberee) (?:de prison|la semaine|hier|il y a)\b",
        r"\bapres (?:la |ma )?(?:prison|detention|incarceration)\b", r"\bsor\w*\b[^.]{0,6}\bde detention\b",
        r"\bex[- ]?detenue?\b",
    ),
    "found_home": (
        r"\b(?:trouv\w*|sign\w*|obtenu|eu|decroche)\b[^.]{0,15}\b(?:un |mon |le |enfin un |enfin mon )?(?:appart\w*"
        r"|logement|studio|kot|bail|maison|chambre)\b",
        r"\b(?:nouvel|nouveau) (?:appart\w*|logement|studio|bail)\b", r"\bemmenag\w*\b", r"\bles cles\b",
        r"\bles clefs\b",
        r"\bdemenag\w* (?:dans|le|la semaine|le mois)\b",
    ),
    "camping": (
        r"\bcamping\b", r"\bcaravane\b", r"\bmobil[- ]?home\b", r"\bparc residentiel\b",
    ),
    "low_income": (
        r"\b(?:ne )?(?:m'?en|nous en|s'?en) sor(?:s|t|tons)? (?:plus|pas)\b", r"\b(?:ne )?suffit (?:pas|plus)\b",
        r"\bpetit salaire\b", r"\bpetite pension\b",
        r"\b(?:je gagne|on gagne|je touche|je recois|je fais) (?:que |seulement |juste |a peine |environ )?"
        r"\d+ ?(?:euros?|e)\b",
        r"\b(?:a )?(?:temps partiel|mi-temps)\b[^.]{0,60}\bcomplet",
        r"\bcomplet(?:er|e)\b[^.]{0,40}\b(?:salaire|revenu)",
        r"\b(?:cachets|petits contrats|revenus?) irreguliers?\b", r"\bcertains mois (?:zero|rien|0)\b",
        r"\bfin (?:du|de) mois\b[^.]{0,20}\b(?:dure|difficile|impossible)\b",
    ),
    "bad_housing": (
        r"\binsalubre\b", r"\bhumidite\b", r"\bmoisissures?\b", r"\bchampignons? aux murs\b", r"\btrop petit pour\b",
    ),
    "deposit": (
        r"\bgarantie locative\b", r"\bcaution\b", r"\bgarantie (?:pour|du|de) (?:l'?appart\w*|logement|bail|studio)\b",
        r"\bdeux mois de garantie\b", r"\b\d mois de garantie\b",
    ),
    "illness": (
        r"\bmalade\b", r"\bmaladie\b", r"\bhospitalis\w*", r"\bhopital\b", r"\bcancer\b", r"\bchimio\w*\b",
        r"\bdepression\b",
        r"\bburn[ -]?out\b", r"\bincapacite (?:de travail|de travailler)?\b", r"\ben incapacite\b",
        r"\bcertificat medical\b",
        r"\boperation\b", r"\bopere\w*\b", r"\bsoins?\b", r"\bmedicaments?\b", r"\btraitement\b", r"\bdiabet\w*\b",
        r"\binvalidite\b", r"\bmutuelle me paie\b", r"\baccident\w*\b", r"\bbequilles?\b", r"\bblesse\w*\b",
        r"\ben maladie\b", r"\bfrais medicaux\b", r"\bmedecin\b",
    ),
    "no_health_insurance": (
        r"\b(?:pas|plus|sans) (?:de |d'?)?(?:mutuelle|mutualite)\b", r"\bpas en ordre de mutuelle\b", r"\bcaami\b",
        r"\bmutuelle (?:ne me couvre|me couvre) plus\b",
    ),
    "disability": (
        r"\bhandicap\w*", r"\bchaise roulante\b", r"\bfauteuil roulant\b", r"\baviq\b", r"\biriscare\b", r"\bphare\b",
        r"\ballocations? (?:de|pour personne) handicap\w*", r"\bmalvoyant\w*", r"\bnon[- ]?voyant\w*", r"\bsourde?\b",
        r"\bautis\w*\b", r"\btrisomi\w*\b", r"\breconnu\w* (?:a|avec) \d+ ?%",
    ),
    "undocumented": (
        r"\bsans[- ]papiers?\b", r"\b(?:pas|plus|sans) (?:de )?papiers?\b",
        r"\b(?:pas|plus|sans) (?:de |d'?)?titre de sejour\b",
        r"\bsejour illegal\b", r"\ben (?:situation )?irreguli\w*\b", r"\bclandestin\w*\b", r"\bordre de quitter\b",
        r"\boqt\b",
        r"\billegale?ment\b", r"\b(?:demande d'?asile|asile)\b[^.]{0,20}\b(?:refusee?|rejetee?)\b",
        r"\brefus de (?:ma|mon) (?:demande d'?asile|asile)\b", r"\bdebout(?:e)? de sejour\b", r"\bdeboute\w*\b",
        r"\bsejour (?:a expire|expire|perime)\b",
        r"\bcarte de sejour (?:a expire|expiree|perimee)\b", r"\bpas en ordre de (?:sejour|papiers)\b",
    ),
    "asylum_seeker": (
        r"\bdemand\w* d'?asile\b", r"\bdemande (?:de )?protection internationale\b", r"\bfedasil\b",
        r"\bcentre (?:d'?accueil|croix[- ]rouge|fedasil)\b",
        r"\bcode 207\b", r"\bpetit[- ]chateau\b", r"\bannexe 26\b",
    ),
    "refugee": (
        r"\brefugiee?s? reconnue?s?\b", r"\bstatut de refugie\w*\b", r"\bprotection subsidiaire\b",
        r"\breconnue? refugiee?\b",
        r"\bj'?ai (?:eu|recu|obtenu) (?:mon |le )?statut\b", r"\brefugiee?\b",
    ),
    "debts": (
        r"\bdettes?\b", r"\bendette\w*\b", r"\bsurendette\w*\b", r"\bhuissiers?\b", r"\bcreanciers?\b", r"\brappels?\b",
        r"\bmises? en demeure\b", r"\bcredit de la maison\b", r"\bsaisies?\b", r"\bsaisi\b", r"\bcredits?\b",
        r"\bfactures? (?:impayees?|en retard|qui s'?accumulent)\b",
        r"\bmediation de dettes\b", r"\breglement collectif\b",
    ),
    "student": (
        r"\betudiante?s?\b", r"\b(?:mes|des|les) etudes\b", r"\ben etudes\b", r"\bkot\b", r"\buniv\w*\b",
        r"\bhaute ecole\b",
        r"\b(?:en|au) (?:bac|master|rheto)\b", r"\bblocus\b", r"\bsession d'?examens?\b",
    ),
    "energy_bill": (
        r"\bfactures? (?:d'?)?(?:energie|gaz|electricite|elec|engie|luminus|totalenergies|sibelga|ores)\b",
        r"\b(?:gaz|electricite|elec)\b[^.]{0,40}\b(?:coupe\w*|facture\w*|impaye\w*|rappel\w*|regul\w*|trop cher\w*)",
        r"\b(?:coupure|coupe\w*)\b[^.]{0,30}\b(?:gaz|electricite|elec|courant|lumiere)\b",
        r"\bcompteur a budget\b", r"\bcompteur (?:prepaye|a prepaiement)\b", r"\bfournisseur d'?energie\b",
        r"\bfacture de regularisation\b", r"\bregul\b", r"\bfactures? energie\b", r"\bengie\b", r"\bluminus\b",
    ),
    "heating_fuel": (
        r"\bmazout\b", r"\bgasoil\b", r"\bgazole de chauffage\b", r"\bfuel\b", r"\bcuve\b", r"\bpetrole lampant\b",
        r"\bpropane\b", r"\bchauffage\b", r"\bchauffer\b", r"\bfroid\b",
    ),
    "water_bill": (
        r"\bfactures? d'?eau\b", r"\bvivaqua\b", r"\bswde\b", r"\bcile\b", r"\binasep\b",
        r"\beau (?:coupee|va etre coupee)\b",
        r"\bcompteur d'?eau\b",
    ),
    "food": (
        r"\brien (?:a|pour) manger\b", r"\bfrigo (?:est )?vide\b", r"\bfaim\b", r"\bpas (?:de quoi )?manger\b",
        r"\bplus (?:de quoi )?manger\b", r"\bcolis (?:alimentaire|repas)\b", r"\bbanque alimentaire\b",
        r"\bpas mange\b",
        r"\bnourrir (?:mes|mon|ma|les) \w+", r"\bremplir le frigo\b", r"\bcourses\b",
    ),
    "culture": (
        r"\b(?:cinema|theatre|musee|concert|spectacle|expo|exposition)s?\b", r"\bsorties? culturelles?\b",
        r"\barticle 27\b",
    ),
    # Somebody else lives (or comes to live) with the person: their income may count for the revenu d'intégration.
    "household": (
        r"\b(?:j'?habite|je vis|je loge|je reste|on vit|on habite|je suis) (?:encore |toujours )?chez (?:ma mere|"
        r"mon pere|mes parents|ma maman|mon papa|ma grand-mere|mon grand-pere|mes grands-parents|ma soeur|mon frere|"
        r"ma tante|mon oncle|mes beaux-parents)\b",
        r"\b(?:mon|ma) (?:fils|fille|grand fils|grande fille)\b[^.]{0,40}\b(?:travaill|bosse|salaire|gagne|"
        r"allocations?|chomage)",
        r"\b(?:veut |va |vient |voudrait )?(?:venir )?(?:habiter|vivre|s'?installer|emmenager) (?:avec moi|chez moi)\b",
        r"\bemmenage chez moi\b", r"\bse mettre (?:en menage|ensemble)\b", r"\bmettre en menage\b",
        r"\ben colocation\b", r"\bmes colocs?\b", r"\bmes colocataires\b",
    ),
    # The CPAS refused, stopped or cut the aid, or has not answered: the appeal.
    "cpas_decision": (
        r"\b(?:le )?cpas (?:m'?a |a |m )?(?:refuse|supprime|coupe|arrete|retire|diminue|baisse|stoppe)\b",
        r"\brefus du cpas\b", r"\b(?:mon|le) (?:ris|aide|revenu d'?integration) (?:a ete )?(?:refuse|supprime|coupe)",
        r"\b(?:toujours )?pas de (?:reponse|decision|nouvelles?) du cpas\b",
        r"\b(?:fait|introduit|depose) (?:ma|une|la) demande\b[^.]{0,60}\b(?:toujours pas|pas de|aucune) "
        r"(?:de )?(?:reponse|decision|nouvelles?)\b",
    ),
}

# The heating feature only means the fuel aid when it is not about the gas or electricity of the network:
# "je n'arrive plus à payer le chauffage" with a gas bill is an energy bill.
_NETWORK_HEATING = re.compile(r"\b(?:gaz|electricite|elec|pompe a chaleur|compteur)\b")
_RECOGNISED = re.compile(r"\b(?:reconnue?s?|statut|subsidiaire|obtenu)\b")
_FUEL_WORDS = re.compile(r"\b(?:mazout|gasoil|fuel|cuve|petrole|propane)\b")

# Words that ask something, wherever they stand ("le ris c'est combien", "ki peut m'aider", "je m'adresse à
# quel cpas", "le cpas peut m'aider"). On the safe side: "je ne sais pas où aller" counts as asking.
_QUESTION_ANYWHERE = re.compile(
    r"\b(?:est[- ]ce|combien|comment|pourquoi|quel|quelle|quels|quelles|lequel|laquelle|(?<!de )quoi|quid|"
    r"(?:qui|ki) (?:peut|paie|doit|s'?occupe|aide)|a qui|ai[- ]je|suis[- ]je|puis[- ]je|dois[- ]je|"
    r"peut[- ]on|peut[- ]il|peut[- ]elle|peuvent[- ]ils|existe[- ]t[- ]il|y a[- ]t[- ]il|faut[- ]il|"
    r"pouvez[- ]vous|tu peux|vous pouvez|tu sais|savoir si|possible|j'?y ai droit|j'?aurais droit|"
    r"(?:est|ai)[- ]ce que|ou (?:aller|dois|puis|faut|s'?adresser|demander|je (?:vais|dois|peux|m'?adresse))|"
    r"(?:je|on) (?:peux|peut|pourrais|pourrait) (?:avoir|toucher|demander|obtenir|recevoir|beneficier|garder)|"
    r"(?:le|un|ce) cpas (?:peut|pourrait|va|doit|fait|donne|aide|paie)|c'?est grave|que faire|je fais quoi|"
    r"tu connais|vous connaissez|un moyen|droit (?:a|au|aux)|pour (?:avoir|toucher|obtenir|garder)|"
    r"c'?est quand|jusqu'?a quand|a partir de quand|depuis quand|"
    r"fais|faites|calcul\w*|verifi\w*|simul\w*|teste[rz]?)\b"
)


# Generic asks for help that name no topic ("je fais quoi", "aidez-moi", "le cpas peut m'aider ?"): a situation
# that ends with one of them still asks for an orientation, not for one FAQ answer.
_GENERIC_ASK = re.compile(
    r"\b(?:que (?:faire|puis[- ]je faire|dois[- ]je faire|je peux faire)|quoi faire|je fais quoi|on fait quoi|"
    r"(?:qui|ki) (?:peut|pourrait) m'? ?aider|(?:vous pouvez|tu peux|pouvez[- ]vous|pourriez[- ]vous) m'? ?aider|"
    r"aidez[- ]moi|aide[- ]moi|au secours|(?:le|un) cpas (?:peut|pourrait) m'? ?aider|on peut m'? ?aider|"
    r"(?:qu'?est[- ]ce que|qu'?est ce que) je (?:peux|dois) faire|j'?ai droit a quoi|a quoi (?:j'?ai|ai[- ]je) droit|"
    r"quelles? aides?(?: (?:pour moi|existe\w*|possibles?))?|je (?:ne )?sais (?:plus|pas) quoi faire|"
    r"(?:je (?:ne )?sais (?:plus|pas)|on (?:ne )?sait (?:plus|pas)|nulle part) (?:ou aller|ou dormir|vers qui me"
    r" tourner)|"
    r"(?:besoin|demande) d'?aide|des conseils?)\b"
    r"(?=\s*(?:svp|stp|s'?il vous plait|s'?il te plait|merci|please|pls)?\s*[?!.]*\s*(?:$|[,;:]))[ ?!.]*"
)


def normalise(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe, single spaces."""
    text = strip_accents(text or "").lower()
    text = re.sub(r"[’‘`´]", "'", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def _compiled() -> Dict[str, Tuple[re.Pattern, ...]]:
    return {feature: tuple(re.compile(p) for p in patterns) for feature, patterns in LEXICON.items()}


def read_situation(text: str) -> FrozenSet[str]:
    """The situation features the message states (see LEXICON)."""
    t = normalise(text)
    found = {feature for feature, patterns in _compiled().items() if any(p.search(t) for p in patterns)}
    if "heating_fuel" in found and _NETWORK_HEATING.search(t) and not _FUEL_WORDS.search(t):
        found.discard("heating_fuel")
        found.add("energy_bill")
    if "unemployment_end" in found:
        found.discard("job_loss")  # the end of the benefit, not the loss of a job, decides the next step
        found.discard("waiting_benefit")
    if "undocumented" in found:
        # "débouté de ma demande d'asile", "réfugié mais sans papiers": no legal stay (any more)
        found.discard("refugee")
        found.discard("asylum_seeker")
    elif "refugee" in found and _RECOGNISED.search(t):
        found.discard("asylum_seeker")  # recognised: leaving the reception centre for a CPAS
    return frozenset(found)


def asks_question(text: str) -> bool:
    """True when the message also asks something: a question mark or a question word."""
    t = normalise(text)
    return "?" in t or bool(_QUESTION_ANYWHERE.search(t))


def asks_specific_question(text: str) -> bool:
    """True when the message asks something more precise than a generic "que faire ?" / "aidez-moi"."""
    t = normalise(text)
    generic = bool(_GENERIC_ASK.search(t))
    rest = _GENERIC_ASK.sub(" ", t)
    return bool(_QUESTION_ANYWHERE.search(rest)) or ("?" in rest and not generic)


@dataclass(frozen=True)
class Aid:
    name: str
    response: str
    check: Optional[str]
    points: int


@dataclass(frozen=True)
class Table:
    aids: Dict[str, Dict]
    features: Dict[str, Dict]
    combinations: Tuple[Dict, ...]


@functools.lru_cache(maxsize=4)
def load_table(path: Path = TABLE_PATH) -> Table:
    content = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    table = Table(content["aids"], content["features"], tuple(content.get("combinations") or ()))
    for feature, spec in table.features.items():
        unknown = [a for a in list(spec.get("aids", {})) + list(spec.get("excludes", [])) if a not in table.aids]
        if unknown:
            raise ValueError(f"{path}: feature {feature} names unknown aids {unknown}")
    for combination in table.combinations:
        unknown = [f for f in combination["when"] if f not in table.features]
        named = list(combination.get("add", {})) + list(combination.get("drop", []))
        unknown += [a for a in named if a not in table.aids]
        if unknown:
            raise ValueError(f"{path}: combination {combination['when']} names unknown names {unknown}")
    return table


def rank_aids(features: Iterable[str], table: Optional[Table] = None, limit: int = MAX_AIDS) -> List[Aid]:
    """The aids that fit the features, best first (at most ``limit``)."""
    table = table or load_table()
    features = set(features)
    points: Dict[str, int] = {}
    excluded: set = set()
    for feature in features:
        spec = table.features.get(feature) or {}
        for aid, value in (spec.get("aids") or {}).items():
            points[aid] = points.get(aid, 0) + int(value)
        excluded.update(spec.get("excludes") or ())
    for combination in table.combinations:
        if set(combination["when"]) <= features:
            for aid, value in (combination.get("add") or {}).items():
                points[aid] = points.get(aid, 0) + int(value)
            excluded.update(combination.get("drop") or ())
    order = {aid: i for i, aid in enumerate(table.aids)}
    ranked = sorted((aid for aid in points if aid not in excluded and points[aid] > 0),
                    key=lambda aid: (-points[aid], order[aid]))
    ranked = ranked[:1] + [aid for aid in ranked[1:] if points[aid] >= MIN_POINTS]
    return [Aid(aid, table.aids[aid]["response"], table.aids[aid].get("check"), points[aid]) for aid in ranked[:limit]]


def fact_values(on: Optional[dt.date] = None) -> Dict[str, str]:
    """The delays the orientation answers quote, from actions/rules/parameters.yml, as they are written:
    {decision_days} (deadlines.decision_days) and {heat_request_days} (heating_allowance.request_days)."""
    from actions.rules.parameters import parameter

    on = on or dt.date.today()
    return {
        "decision_days": f"{int(parameter('deadlines', on)['decision_days'])} jours",
        "heat_request_days": f"{int(parameter('heating_allowance', on)['request_days'])} jours",
    }


def orient(text: str, limit: int = MAX_AIDS) -> List[Aid]:
    """read_situation then rank_aids."""
    return rank_aids(read_situation(text), limit=limit)


def related_faq_keys(aids: Iterable[Aid], table: Optional[Table] = None) -> FrozenSet[str]:
    """The FAQ keys (faq/<key>) that fit these aids (knowledge/orientation.yml, `faq` of each aid)."""
    table = table or load_table()
    return frozenset(f"faq/{key}" for aid in aids for key in table.aids[aid.name].get("faq") or ())


# A message about the person's file at the CPAS (a recovery, a sanction, the PIIS, an appeal) asks about the
# procedure, whatever situation it also states: its FAQ answer stays.
_ABOUT_CPAS_FILE = re.compile(
    r"\b(?:le cpas (?:me|m'?|nous) (?:reclame|demande|a (?:refuse|supprime|sanctionne|coupe|retire))|"
    r"rembourser le cpas|dette envers le cpas|piis|recours|decision du cpas|refus du cpas|sanction\w*|"
    r"trop percu|revision)\b"
)
# A situation stated with one fact only must be told in a sentence, not as keywords ("avance sur indemnités").
MIN_WORDS_ONE_FEATURE = 8

# How many situation facts make a message a situation, when the classifier chose another answer.
MIN_FEATURES_OVER_FAQ = 1
MIN_FEATURES_OVER_FALLBACK = 1


# Features that name the subject of a question rather than a situation: alone, they never replace an answer.
TOPIC_FEATURES = frozenset({"culture", "cpas_decision"})


def situation_instead_of(label: str, text: str) -> bool:
    """Should the orientation replace the classifier's answer ``label`` ("faq/<key>" or "nlu_fallback")?

    Yes when the message states situation facts, asks no precise question, and the answer chosen is the
    fallback or a FAQ answer that fits none of the aids of that situation (the single mother who gets the
    answer on going abroad). A FAQ answer that fits (a person without papers -> faq/urgent_medical_aid) stays.
    """
    if not text or text.startswith("/") or asks_specific_question(text):
        return False
    if _ABOUT_CPAS_FILE.search(normalise(text)):
        return False
    features = read_situation(text)
    if not features - TOPIC_FEATURES:
        return False          # "le cpas refuse", "au cinéma": what the question is about, not a situation
    if len(features) == 1 and len(text.split()) < MIN_WORDS_ONE_FEATURE:
        return False
    if label == "nlu_fallback":
        return len(features) >= MIN_FEATURES_OVER_FALLBACK
    if not label.startswith("faq/") or len(features) < MIN_FEATURES_OVER_FAQ:
        return False
    aids = rank_aids(features)
    return bool(aids) and label not in related_faq_keys(aids)
