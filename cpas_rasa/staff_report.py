"""The staff report (`make report`): what people asked, what the bot missed, how the guided checks went.

It reads Rasa's SQL tracker store (the `events` table: SQLite by default, PostgreSQL when the endpoints file
says so) and writes one self-contained HTML page: inline CSS, an inline SVG chart, no script, no external
file. Messages are shown as stored (the channels have already masked phone numbers, IBANs...), escaped; no
sender id is ever written, not even hashed.

Definitions (also printed in the page):
- a conversation is one sender on one day; a turn is one message from the person;
- a topic is the intent, or faq/<key> for a question answered by the FAQ;
- a guided check starts when its form becomes active; it is *finished* when the result was given
  (action_check_result), *stopped* when the person stopped it (action_stop_check), *left* when the
  conversation has no later event closing it;
- a missed message ended in a fallback (nlu_fallback, action_fallback, action_default_fallback) or, outside
  a guided check, got an answer with a confidence below the threshold (intent, or the chosen FAQ answer).
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
FALLBACK_ACTIONS = {"action_fallback", "action_default_fallback"}
FALLBACK_INTENTS = {"nlu_fallback"}
RESULT_ACTION = "action_check_result"
STOP_ACTION = "action_stop_check"
SITE_ACTION = "action_warn_unofficial_site"
INTERNAL_TEXTS = {"/empty_message"}
ENV_VAR = re.compile(r"\$\{([^}]+)\}")


class ReportError(Exception):
    """A problem the staff can fix (no database, no events table...), with a plain message."""


# ------------------------------------------------------------------------------------------- reading
def _substitute_env(value):
    if isinstance(value, str):
        def repl(match):
            name = match.group(1)
            if name not in os.environ:
                raise ReportError(f"la variable d'environnement {name} n'est pas définie (fichier endpoints).")
            return os.environ[name]
        return ENV_VAR.sub(repl, value)
    if isinstance(value, dict):
        return {k: _substitute_env(v) for k, v in value.items()}
    return value


def database_url(endpoints: Path) -> str:
    """The SQLAlchemy URL of the tracker store described in an endpoints file."""
    try:
        config = yaml.safe_load(Path(endpoints).read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ReportError(f"fichier endpoints illisible : {error}") from None
    store = _substitute_env(config.get("tracker_store") or {})
    if str(store.get("type", "")).upper() != "SQL":
        raise ReportError("le rapport lit un tracker store SQL (SQLite ou PostgreSQL) : tracker_store.type "
                          "doit être SQL dans le fichier endpoints.")
    dialect = store.get("dialect", "sqlite")
    db = store.get("db", "rasa.db")
    if dialect == "sqlite":
        path = Path(db)
        if not path.is_absolute():
            path = Path(endpoints).resolve().parent / path
        if not path.exists():
            raise ReportError(f"la base {path} n'existe pas encore : aucune conversation n'a été enregistrée.")
        return f"sqlite:///{path}"
    from sqlalchemy.engine import URL

    return str(URL.create(
        drivername=dialect, username=store.get("username"), password=store.get("password"),
        host=store.get("url"), port=store.get("port"), database=db,
    ).render_as_string(hide_password=False))


@dataclass
class Event:
    sender: str
    type: str
    timestamp: float
    intent: Optional[str]
    action: Optional[str]
    data: dict


def read_events(url: str, since: Optional[float] = None) -> List[Event]:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("events"):
                raise ReportError("la base ne contient pas de table « events » : est-ce bien le tracker store de "
                                  "Rasa ?")
            query = "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events"
            params = {}
            if since is not None:
                query += " WHERE timestamp >= :since"
                params["since"] = since
            query += " ORDER BY id"
            rows = connection.execute(sa.text(query), params).fetchall()
    except sa.exc.SQLAlchemyError as error:
        raise ReportError(f"lecture de la base impossible : {error.__class__.__name__}") from None
    finally:
        engine.dispose()
    events = []
    for sender, type_name, timestamp, intent, action, data in rows:
        try:
            payload = json.loads(data) if data else {}
        except ValueError:
            payload = {}
        events.append(Event(sender, type_name, float(timestamp or 0), intent, action, payload))
    return events


# ------------------------------------------------------------------------------------------- analysis
@dataclass
class Turn:
    text: str
    topic: str
    confidence: float
    fallback: bool = False


@dataclass
class CheckCounts:
    started: int = 0
    finished: int = 0
    stopped: int = 0
    left: int = 0


@dataclass
class Report:
    days: Dict[dt.date, Tuple[int, int]] = field(default_factory=dict)     # day -> (conversations, turns)
    topics: Counter = field(default_factory=Counter)
    checks: Dict[str, CheckCounts] = field(default_factory=dict)
    missed: List[Turn] = field(default_factory=list)
    site_warnings: Counter = field(default_factory=Counter)
    conversations: int = 0
    turns: int = 0
    first: Optional[dt.date] = None
    last: Optional[dt.date] = None


def topic_of(parse_data: dict) -> Tuple[str, float]:
    """The topic of a message (intent, or faq/<key>) and the confidence of what the bot chose."""
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


def forms_of_domain(domain: Path = PROJECT_DIR / "domain.yml") -> List[str]:
    try:
        content = yaml.safe_load(domain.read_text(encoding="utf-8")) or {}
    except OSError:
        return []
    return list((content.get("forms") or {}).keys())


def _site_of(text: str) -> str:
    try:
        sys.path.insert(0, str(PROJECT_DIR))
        from actions.site_check import find_unofficial_mentions

        mentions = find_unofficial_mentions(text)
        return mentions[0].domain if mentions else "site non reconnu"
    except Exception:  # noqa: BLE001 - the report must not fail on one message
        return "site non reconnu"


def analyse(events: Sequence[Event], threshold: float = 0.5, forms: Optional[Sequence[str]] = None) -> Report:
    forms = list(forms if forms is not None else forms_of_domain())
    report = Report(checks={form: CheckCounts() for form in forms})
    per_day_senders: Dict[dt.date, set] = defaultdict(set)
    per_day_turns: Counter = Counter()
    by_sender: Dict[str, List[Event]] = defaultdict(list)
    for event in events:
        by_sender[event.sender].append(event)
    for sender_events in by_sender.values():
        active: Optional[str] = None
        closing: Optional[str] = None     # the form that was just deactivated, waiting for its outcome
        last_turn: Optional[Turn] = None
        for event in sender_events:
            if event.type == "user":
                text = (event.data.get("text") or "").strip()
                if closing:   # deactivated, and the person spoke before any outcome: treat as stopped
                    report.checks[closing].stopped += 1
                    closing = None
                if not text or text in INTERNAL_TEXTS:
                    last_turn = None
                    continue
                day = dt.datetime.fromtimestamp(event.timestamp).date()
                per_day_senders[day].add(event.sender)
                per_day_turns[day] += 1
                topic, confidence = topic_of(event.data.get("parse_data") or {})
                last_turn = Turn(text=text, topic=topic, confidence=confidence,
                                 fallback=topic in FALLBACK_INTENTS)
                report.topics[topic] += 1
                report.turns += 1
                # Inside a guided check the form validates the answers itself: only a fallback counts there.
                low = confidence < threshold and not text.startswith("/") and not active
                if last_turn.fallback or low:
                    report.missed.append(last_turn)
            elif event.type == "action":
                name = event.data.get("name") or event.action
                if name in FALLBACK_ACTIONS and last_turn and not last_turn.fallback:
                    last_turn.fallback = True
                    if last_turn not in report.missed:
                        report.missed.append(last_turn)
                elif name == SITE_ACTION and last_turn:
                    report.site_warnings[_site_of(last_turn.text)] += 1
                elif name == RESULT_ACTION and closing:
                    report.checks[closing].finished += 1
                    closing = None
                elif name == STOP_ACTION and (closing or active):
                    report.checks[closing or active].stopped += 1
                    if closing:
                        closing = None
                    else:
                        active = None
            elif event.type == "active_loop":
                name = event.data.get("name")
                if name in report.checks:
                    if name != active:
                        report.checks[name].started += 1
                    active = name
                elif name is None and active:
                    closing, active = active, None
        if active:
            report.checks[active].left += 1
        if closing:
            report.checks[closing].left += 1
    report.days = {day: (len(per_day_senders[day]), per_day_turns[day]) for day in sorted(per_day_senders)}
    report.conversations = sum(c for c, _ in report.days.values())
    if report.days:
        report.first, report.last = min(report.days), max(report.days)
    return report


def group_similar(texts: Sequence[str], threshold: float = 0.45) -> List[Tuple[int, List[str]]]:
    """Group messages that say nearly the same thing: [(count, [examples, most frequent first])]."""
    counts = Counter(" ".join(t.split()) for t in texts)
    if not counts:
        return []
    unique = [t for t, _ in counts.most_common()]
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), strip_accents="unicode",
                             lowercase=True).fit_transform(unique)
    similarity = cosine_similarity(matrix)
    groups: List[List[int]] = []
    for index in range(len(unique)):
        for group in groups:
            if max(similarity[index, member] for member in group) >= threshold:
                group.append(index)
                break
        else:
            groups.append([index])
    result = [(sum(counts[unique[i]] for i in g), [unique[i] for i in g]) for g in groups]
    return sorted(result, key=lambda item: (-item[0], item[1][0]))


# ------------------------------------------------------------------------------------------- HTML
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;max-width:60rem;
padding:1rem 1.5rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #0b5394}
.lead{background:#eef4fb;border-left:4px solid #0b5394;padding:.6rem .9rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#555;font-size:.92rem}
ul.ex{margin:.2rem 0;padding-left:1.1rem}svg{max-width:100%;height:auto}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def chart_svg(days: Dict[dt.date, Tuple[int, int]]) -> str:
    """Bars: turns per day (light) with conversations per day (dark) in front."""
    if not days:
        return "<p>Aucune donnée.</p>"
    items = list(days.items())
    width, height, left, bottom = 720, 240, 40, 40
    top = max(turns for _, (_, turns) in items) or 1
    slot = (width - left - 10) / len(items)
    bar = max(2.0, min(28.0, slot * 0.7))
    parts = [f'<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg">',
             '<title id="chart-title">Conversations et messages par jour</title>',
             '<desc id="chart-desc">Barres claires : messages des personnes ; barres foncées : conversations. '
             'Les chiffres exacts sont dans le tableau qui suit.</desc>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#555"/>',
             f'<text x="2" y="14" font-size="11" fill="#333">{top}</text>']
    scale = (height - bottom - 20) / top
    for i, (day, (conversations, turns)) in enumerate(items):
        x = left + i * slot + (slot - bar) / 2
        for value, colour in ((turns, "#9fc5e8"), (conversations, "#0b5394")):
            h = value * scale
            parts.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{_e(day.strftime("%d/%m"))} : {value}</title></rect>')
        if len(items) <= 31 or i % max(1, len(items) // 15) == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - bottom + 14}" font-size="10" fill="#333">'
                         f'{_e(day.strftime("%d/%m"))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(report: Report, groups: List[Tuple[int, List[str]]], *, generated: dt.datetime,
           period: str, threshold: float) -> str:
    out = [
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Assistant CPAS — rapport pour le personnel</title>",
        f"<style>{CSS}</style></head><body><main>",
        '<p class="lead">Pour qu\'une question manquée soit comprise : copiez-la (sans donnée personnelle) comme '
        "exemple sous la bonne intention ou la bonne clé FAQ dans <code>data/nlu/</code>, puis "
        "<code>make train</code> et essayez-la dans <code>make shell</code> (voir docs/staff.md).</p>",
        "<h1>Assistant CPAS — rapport pour le personnel</h1>",
        f'<p class="muted">Période : {_e(period)}. Généré le {_e(generated.strftime("%d/%m/%Y à %H:%M"))}. '
        "Les messages sont montrés tels qu'ils sont enregistrés (numéros, IBAN et adresses e-mail déjà masqués) ; "
        "aucun identifiant de personne n'apparaît.</p>",
        "<h2>En bref</h2>",
        f"<p>{report.conversations} conversation(s), {report.turns} message(s) des personnes, "
        f"{len(report.missed)} message(s) manqué(s), {sum(report.site_warnings.values())} avertissement(s) "
        "sur des sites non officiels.</p>",
        "<h2>Conversations et messages par jour</h2>",
        chart_svg(report.days),
        "<table><caption>Par jour</caption><thead><tr><th scope=\"col\">Jour</th>"
        "<th scope=\"col\">Conversations</th><th scope=\"col\">Messages</th></tr></thead><tbody>",
    ]
    for day, (conversations, turns) in report.days.items():
        out.append(f'<tr><td>{_e(day.strftime("%d/%m/%Y"))}</td><td class="n">{conversations}</td>'
                   f'<td class="n">{turns}</td></tr>')
    out.append("</tbody></table>")

    out.append("<h2>Sujets les plus demandés</h2><table><caption>Sujets (intention ou réponse FAQ)</caption>"
               "<thead><tr><th scope=\"col\">Sujet</th><th scope=\"col\">Messages</th></tr></thead><tbody>")
    for topic, count in report.topics.most_common(25):
        out.append(f'<tr><td>{_e(topic)}</td><td class="n">{count}</td></tr>')
    out.append("</tbody></table>")

    out.append("<h2>Vérifications guidées</h2><table><caption>Par vérification</caption><thead><tr>"
               "<th scope=\"col\">Vérification</th><th scope=\"col\">Commencées</th><th scope=\"col\">Terminées</th>"
               "<th scope=\"col\">Arrêtées par la personne</th><th scope=\"col\">Laissées en cours</th>"
               "</tr></thead><tbody>")
    for form, counts in report.checks.items():
        out.append(f"<tr><td>{_e(form)}</td><td class=\"n\">{counts.started}</td><td class=\"n\">{counts.finished}"
                   f"</td><td class=\"n\">{counts.stopped}</td><td class=\"n\">{counts.left}</td></tr>")
    out.append("</tbody></table><p class=\"muted\">Terminée : le résultat a été donné. Arrêtée : la personne a "
               "dit stop. Laissée en cours : plus rien après une question de la vérification. Arrêtées et laissées "
               "sont les vérifications abandonnées.</p>")

    out.append("<h2>Messages non compris ou compris avec peu de confiance</h2>"
               f"<p class=\"muted\">Repli (« je n'ai pas compris ») ou confiance sous {threshold:.0%}. Les messages "
               "qui se ressemblent sont regroupés ; le nombre compte tous les messages du groupe.</p>")
    if groups:
        out.append("<table><caption>Groupes de messages manqués</caption><thead><tr><th scope=\"col\">Nombre</th>"
                   "<th scope=\"col\">Exemples</th></tr></thead><tbody>")
        for count, examples in groups:
            items = "".join(f"<li>{_e(text)}</li>" for text in examples[:5])
            more = f"<li class=\"muted\">… et {len(examples) - 5} autre(s)</li>" if len(examples) > 5 else ""
            out.append(f'<tr><td class="n">{count}</td><td><ul class="ex">{items}{more}</ul></td></tr>')
        out.append("</tbody></table>")
    else:
        out.append("<p>Aucun message manqué sur la période.</p>")

    out.append("<h2>Avertissements sur des sites non officiels</h2>")
    if report.site_warnings:
        out.append("<table><caption>Sites mentionnés</caption><thead><tr><th scope=\"col\">Site</th>"
                   "<th scope=\"col\">Avertissements</th></tr></thead><tbody>")
        for site, count in report.site_warnings.most_common():
            out.append(f'<tr><td>{_e(site)}</td><td class="n">{count}</td></tr>')
        out.append("</tbody></table>")
    else:
        out.append("<p>Aucun avertissement sur la période.</p>")
    out.append("</main></body></html>")
    return "\n".join(out)


def build(endpoints: Path, days: Optional[int], threshold: float, now: Optional[dt.datetime] = None) -> str:
    now = now or dt.datetime.now()
    since = (now - dt.timedelta(days=days)).timestamp() if days else None
    events = read_events(database_url(endpoints), since)
    report = analyse(events, threshold=threshold)
    period = (f"les {days} derniers jours" if days else "toutes les conversations enregistrées")
    if report.first:
        period += f" (du {report.first.strftime('%d/%m/%Y')} au {report.last.strftime('%d/%m/%Y')})"
    return render(report, group_similar([t.text for t in report.missed]), generated=now, period=period,
                  threshold=threshold)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Rapport HTML pour le personnel du CPAS.")
    parser.add_argument("--endpoints", default=str(PROJECT_DIR / "endpoints.yml"))
    parser.add_argument("--days", type=int, default=None, help="seulement les N derniers jours")
    parser.add_argument("--threshold", type=float, default=0.5, help="confiance sous laquelle un message est manqué")
    parser.add_argument("--out", default=str(PROJECT_DIR / "reports" / "report.html"))
    args = parser.parse_args(argv)
    if args.days is not None and args.days <= 0:
        print("DAYS doit être un nombre de jours positif.", file=sys.stderr)
        return 2
    try:
        page = build(Path(args.endpoints), args.days, args.threshold)
    except ReportError as error:
        print(f"Rapport impossible : {error}", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    print(f"Rapport écrit : {out}")
    return 0
