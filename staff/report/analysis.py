"""What the report counts, from the tracker events (see DEFINITIONS, also printed in the page).

A Rasa session (``session_started``, or ``restart``) resets the conversation, its slots and its active form,
so a conversation here is one session in which the person wrote at least once, counted on the day of its
first message. A guided check is followed per conversation and per form, to its last state:

- started: the form became active (``active_loop: <form>``);
- finished: after the form deactivated itself (``active_loop: null``), ``action_check_result`` gave the
  result (an early "probablement pas éligible" included);
- stopped: ``action_stop_check`` ran while the form was active (the person wrote "stop", "arrête", "au
  revoir"...);
- left: the form was still active when the conversation ended (no message for the session expiration time
  of domain.yml, or a new session / another check started), or it was deactivated without a result;
- in progress: still active, and the last event is more recent than the session expiration time.

A check that was stopped, then resumed and finished in the same conversation counts once, as finished.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from staff.report.store import PROJECT_DIR, Event

FALLBACK_INTENTS = frozenset({"nlu_fallback"})
# The bot was unsure of the topic and asked back with buttons (cpas_rasa/nlu/faq_gate.py): a message to look at.
ASKED_BACK_INTENTS = frozenset({"clarify_topic"})
FALLBACK_ACTIONS = frozenset({"action_fallback", "action_default_fallback"})
RESULT_ACTION = "action_check_result"
STOP_ACTION = "action_stop_check"
SITE_ACTION = "action_warn_unofficial_site"
SITE_WARNING = "utter_unofficial_site_warning"
REASK_PREFIX = "utter_reask_"
# Danger first (actions/danger.py): one utter_danger_<kind> per kind of danger, after action_danger_first.
DANGER_ACTIONS = frozenset({"action_danger_first", "utter_crisis"})   # utter_crisis: the former crisis rule
DANGER_PREFIX = "utter_danger_"
DANGER_RESPONSE_KIND = {"utter_danger_homeless_cpas": "homeless", "utter_crisis": "generic"}
NOT_A_DANGER_ANSWER = frozenset({"utter_danger_then_check"})
INTERNAL_TEXTS = frozenset({"/empty_message"})
DEFAULT_EXPIRATION_MINUTES = 60.0

FINISHED, STOPPED, LEFT, ACTIVE = "finished", "stopped", "left", "active"

DEFINITIONS = (
    ("Conversation", "une session du bot : une personne qui écrit au moins un message ; elle se termine après "
                     "{expiration} sans message. Elle est comptée le jour de son premier message."),
    ("Message", "un message écrit par la personne (les messages vides ne comptent pas) ; un clic sur un bouton "
                "compte comme un message."),
    ("Sujet", "l'intention reconnue, ou faq/<clé> pour une question fréquente (la réponse choisie). Les "
              "réponses aux questions d'une vérification guidée ne sont pas des sujets : elles sont comptées à "
              "part."),
    ("Vérification commencée", "le formulaire de la vérification a démarré dans la conversation (comptée une "
                               "fois par conversation, même si la personne l'a reprise)."),
    ("Terminée", "le résultat a été donné (y compris un « probablement pas éligible » dès les premières "
                 "questions)."),
    ("Arrêtée", "la personne a écrit « stop », « arrête », « au revoir »… pendant la vérification, et ne l'a "
                "pas reprise jusqu'au résultat."),
    ("Laissée", "la conversation s'est terminée (ou une autre vérification a commencé) alors que la "
                "vérification attendait une réponse."),
    ("En cours", "la vérification attend une réponse et la conversation n'a pas encore expiré."),
    ("Message manqué", "le bot a répondu « je n'ai pas compris » (nlu_fallback, action_fallback, "
                       "action_default_fallback), ou hors vérification, a choisi sa réponse avec une confiance "
                       "sous le seuil (l'intention, ou pour une question fréquente la réponse choisie)."),
    ("Réponse d'urgence", "le message parlait de suicide, de violence, d'une nuit dehors ou de faim (ou le modèle y "
                          "a vu une urgence) : le bot a donné d'abord les numéros d'urgence qui correspondent "
                          "(action_danger_first), puis la réponse au reste du message. Un message peut recevoir "
                          "plusieurs réponses d'urgence (par exemple violence et nuit dehors) ; « autre urgence » : "
                          "le modèle a vu une urgence sans signe précis."),
    ("Avertissement", "le bot a dit qu'un site n'est pas officiel (utter_unofficial_site_warning), avec le "
                      "nom du site qu'il a cité."),
)


@dataclass
class Turn:
    """One message of a person. ``reason`` is why it was missed: "fallback", "low" or None."""

    text: str
    topic: str
    confidence: float
    day: dt.date
    form: Optional[str] = None          # the check that was waiting for an answer, if any
    form_answer: bool = False           # read by the form as the answer to its question
    reason: Optional[str] = None
    payload: bool = False               # a button's payload ("/check_ris")


@dataclass
class CheckCounts:
    started: int = 0
    finished: int = 0
    stopped: int = 0
    left: int = 0
    in_progress: int = 0
    reasked: int = 0                    # answers the form could not read and asked again

    @property
    def abandoned(self) -> int:
        return self.stopped + self.left


@dataclass
class DayCounts:
    conversations: int = 0
    turns: int = 0


@dataclass
class Report:
    days: Dict[dt.date, DayCounts] = field(default_factory=dict)
    topics: Counter = field(default_factory=Counter)
    form_answers: int = 0
    checks: Dict[str, CheckCounts] = field(default_factory=dict)
    missed: List[Turn] = field(default_factory=list)
    site_warnings: Counter = field(default_factory=Counter)
    site_actions_without_warning: int = 0
    danger_messages: Counter = field(default_factory=Counter)            # day -> messages answered "danger first"
    danger_answers: Dict[dt.date, Counter] = field(default_factory=dict)   # day -> kind -> urgent answers
    conversations: int = 0
    turns: int = 0
    expiration_minutes: float = DEFAULT_EXPIRATION_MINUTES

    @property
    def first(self) -> Optional[dt.date]:
        return min(self.days) if self.days else None

    @property
    def last(self) -> Optional[dt.date]:
        return max(self.days) if self.days else None


def topic_of(parse_data: dict) -> Tuple[str, float]:
    """The topic of a message (intent, or faq/<key>) and the confidence of what the bot chose: for a FAQ
    question, the lower of the intent's and the chosen answer's confidence."""
    intent = parse_data.get("intent") or {}
    name = intent.get("name") or "?"
    confidence = float(intent.get("confidence") or 0.0)
    if name == "faq":
        selected = ((parse_data.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        key = selected.get("intent_response_key") or intent.get("full_retrieval_intent_name")
        if key:
            name = key
        if selected.get("confidence") is not None:
            confidence = min(confidence, float(selected["confidence"]))
    return name, confidence


def read_domain(domain: Path = PROJECT_DIR / "domain.yml") -> Tuple[List[str], float]:
    """The forms of the domain and its session expiration time in minutes (0: sessions never expire)."""
    try:
        content = yaml.safe_load(Path(domain).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return [], DEFAULT_EXPIRATION_MINUTES
    forms = list((content.get("forms") or {}).keys())
    session = content.get("session_config") or {}
    try:
        expiration = float(session.get("session_expiration_time", DEFAULT_EXPIRATION_MINUTES))
    except (TypeError, ValueError):
        expiration = DEFAULT_EXPIRATION_MINUTES
    return forms, expiration


class _Conversation:
    """The state of one session while its events are read."""

    def __init__(self, analysis: "_Analysis") -> None:
        self.analysis = analysis
        self.day: Optional[dt.date] = None          # day of the first message
        self.active: Optional[str] = None           # the form waiting for an answer
        self.closing: Optional[str] = None          # the form that just deactivated itself, before its result
        self.outcomes: Dict[str, str] = {}          # form -> last state in this conversation
        self.pending: Optional[Turn] = None         # a message sent to an active form, not yet classified
        self.last_turn: Optional[Turn] = None
        self.last_time = 0.0

    # -- messages
    def user(self, event: Event) -> None:
        self._classify_pending(form_answer=False)
        self._close_deactivated()
        text = (event.data.get("text") or "").strip()
        if not text or text in INTERNAL_TEXTS:
            self.last_turn = None
            return
        day = self.analysis.day_of(event.timestamp)
        if self.day is None:
            self.day = day
        topic, confidence = topic_of(event.data.get("parse_data") or {})
        turn = Turn(text=text, topic=topic, confidence=confidence, day=day, form=self.active,
                    payload=text.startswith("/"))
        self.analysis.add_turn(turn)
        self.last_turn = turn
        if self.active:
            self.pending = turn                     # an answer to the form, or an interruption?
        else:
            self.analysis.classify(turn)

    def rejected(self, event: Event) -> None:
        if self.pending and event.data.get("name") == self.pending.form:
            self._classify_pending(form_answer=False)

    def action(self, event: Event) -> None:
        name = event.action or event.data.get("name")
        if name in (None, "action_listen", "action_session_start"):
            return
        if self.pending:
            self._classify_pending(form_answer=name == self.pending.form)
        if name in FALLBACK_ACTIONS and self.last_turn is not None:
            self.analysis.mark_fallback(self.last_turn)
        elif name == SITE_ACTION:
            self.analysis.site_actions += 1
        elif name in DANGER_ACTIONS:
            self.analysis.report.danger_messages[self.analysis.day_of(event.timestamp)] += 1
        elif name == RESULT_ACTION and self.closing:
            self.outcomes[self.closing] = FINISHED
            self.closing = None
        elif name == STOP_ACTION and (self.active or self.closing):
            self.outcomes[self.active or self.closing] = STOPPED
            self.active = self.closing = None
        else:
            self._close_deactivated()

    def bot(self, event: Event) -> None:
        metadata = event.data.get("metadata") or {}
        utter = str(metadata.get("utter_action") or "")
        if utter == SITE_WARNING:
            site = metadata.get("site")
            self.analysis.report.site_warnings[str(site) if site else "site non précisé"] += 1
        elif (utter.startswith(DANGER_PREFIX) and utter not in NOT_A_DANGER_ANSWER) or utter in DANGER_RESPONSE_KIND:
            kind = DANGER_RESPONSE_KIND.get(utter) or utter[len(DANGER_PREFIX):]
            day = self.analysis.day_of(event.timestamp)
            self.analysis.report.danger_answers.setdefault(day, Counter())[kind] += 1
        elif utter.startswith(REASK_PREFIX) and self.active in self.analysis.report.checks:
            self.analysis.report.checks[self.active].reasked += 1

    def active_loop(self, event: Event) -> None:
        name = event.data.get("name")
        if name is None:
            if self.active:
                self.closing, self.active = self.active, None
            return
        if name not in self.analysis.report.checks:  # a form that is no longer in the domain
            self.analysis.report.checks[name] = CheckCounts()
        self._close_deactivated()
        if self.active and self.active != name:      # another check took over
            self.outcomes[self.active] = LEFT
        self.active = name
        self.outcomes[name] = ACTIVE

    # -- end
    def _classify_pending(self, form_answer: bool) -> None:
        if self.pending is None:
            return
        turn, self.pending = self.pending, None
        turn.form_answer = form_answer
        self.analysis.classify(turn)

    def _close_deactivated(self) -> None:
        if self.closing:                             # deactivated, and no result came
            self.outcomes[self.closing] = LEFT
            self.closing = None

    def end(self, now: float, superseded: bool = False) -> None:
        """The conversation is over (``superseded``: a new session of the same person started) or, at the
        end of the events, may still go on if its last event is more recent than the expiration time."""
        self._classify_pending(form_answer=False)
        self._close_deactivated()
        expiration = self.analysis.report.expiration_minutes * 60
        recent = not superseded and (expiration <= 0 or now - self.last_time < expiration)
        for form, outcome in self.outcomes.items():
            counts = self.analysis.report.checks[form]
            counts.started += 1
            if outcome == FINISHED:
                counts.finished += 1
            elif outcome == STOPPED:
                counts.stopped += 1
            elif outcome == ACTIVE and recent:
                counts.in_progress += 1
            else:
                counts.left += 1
        if self.day is not None:
            self.analysis.report.conversations += 1
            self.analysis.report.days.setdefault(self.day, DayCounts()).conversations += 1


class _Analysis:
    def __init__(self, forms: Sequence[str], threshold: float, expiration_minutes: float, tz) -> None:
        self.report = Report(checks={form: CheckCounts() for form in forms},
                             expiration_minutes=expiration_minutes)
        self.threshold = threshold
        self.tz = tz
        self.site_actions = 0

    def day_of(self, timestamp: float) -> dt.date:
        return dt.datetime.fromtimestamp(timestamp, self.tz).date()

    def add_turn(self, turn: Turn) -> None:
        self.report.turns += 1
        self.report.days.setdefault(turn.day, DayCounts()).turns += 1

    def classify(self, turn: Turn) -> None:
        """A message is a topic unless the form read it as its answer; a missed one is kept."""
        if turn.form_answer:
            self.report.form_answers += 1
            return                                    # the form validates it, and re-asks when unreadable
        self.report.topics[turn.topic] += 1
        if turn.topic in FALLBACK_INTENTS:
            turn.reason = "fallback"
        elif turn.topic in ASKED_BACK_INTENTS or (turn.confidence < self.threshold and not turn.payload):
            turn.reason = "low"                       # an answer the bot was unsure of, or asked back about
        if turn.reason:
            self.report.missed.append(turn)

    def mark_fallback(self, turn: Turn) -> None:
        if turn.reason is None:
            self.report.missed.append(turn)
        turn.reason = "fallback"


def analyse(events: Iterable[Event], *, forms: Sequence[str] = (), threshold: float = 0.5,
            expiration_minutes: float = DEFAULT_EXPIRATION_MINUTES, now: Optional[float] = None,
            tz=None) -> Report:
    """Count everything in one pass over the events, given one conversation (sender) after the other."""
    now = dt.datetime.now().timestamp() if now is None else now
    analysis = _Analysis(forms, threshold, expiration_minutes, tz)
    handlers = {"user": "user", "bot": "bot", "action": "action", "active_loop": "active_loop",
                "action_execution_rejected": "rejected"}
    current: Optional[_Conversation] = None
    sender: Optional[int] = None
    for event in events:
        new_session = event.type in ("session_started", "restart")
        if current is None or event.conversation != sender or new_session:
            if current is not None:
                current.end(now, superseded=event.conversation == sender)
            current, sender = _Conversation(analysis), event.conversation
        current.last_time = max(current.last_time, event.timestamp)
        handler = handlers.get(event.type)
        if handler:
            getattr(current, handler)(event)
    if current is not None:
        current.end(now)
    analysis.report.site_actions_without_warning = max(
        0, analysis.site_actions - sum(analysis.report.site_warnings.values()))
    return analysis.report


def fill_days(days: Dict[dt.date, DayCounts], first: Optional[dt.date] = None,
              last: Optional[dt.date] = None) -> Dict[dt.date, DayCounts]:
    """Every day from first to last, with zeros for the days without conversation."""
    if not days and (first is None or last is None):
        return {}
    first = first or min(days)
    last = last or max(days)
    out, day = {}, first
    while day <= last:
        out[day] = days.get(day, DayCounts())
        day += dt.timedelta(days=1)
    return out
