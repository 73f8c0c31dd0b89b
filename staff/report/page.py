"""The report as one self-contained HTML page, in French: inline CSS, inline SVG, no script, no external file.

Every text that comes from the store (messages, topics, site names) goes through ``html.escape``. Headings
structure the page, every table has a caption and column headers, and the chart has a title, a text
description and the same figures in the table that follows it.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter, defaultdict
from typing import Dict, List, Optional, Sequence

from actions.checks import CHECKS
from actions.rules.fr import MONTHS_FR, format_date_fr
from staff.report.analysis import DEFINITIONS, DayCounts, Report, Turn
from staff.report.grouping import Group, normalise

GUIDE = "../docs/staff.md"
TOP_TOPICS = 20
EXAMPLES_PER_GROUP = 6


def label_of_title(title: str) -> str:
    """A check's title as a table label: "l'allocation de chauffage" -> "Allocation de chauffage"."""
    bare = re.sub(r"^(le |la |les |l'|un |une )", "", title)
    return bare[:1].upper() + bare[1:]


# The guided checks, named as their specs name them (actions/checks/).
CHECK_LABELS = {spec.form: label_of_title(spec.title) for spec in CHECKS}
MONTHS = MONTHS_FR   # one list of French month names (actions/rules/fr.py)

CSS = """
:root{--ink:#1b1b1b;--blue:#0b4f8a;--light:#8fb8de;--line:#b9b9b9}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;max-width:62rem;
padding:1rem 1.5rem 3rem;color:var(--ink);background:#fff;line-height:1.45}
h1{font-size:1.6rem;margin:.8rem 0 .2rem}
h2{font-size:1.25rem;margin-top:2.2rem;padding-bottom:.15rem;border-bottom:2px solid var(--blue)}
a{color:var(--blue)}
.lead{background:#eaf2fa;border-left:5px solid var(--blue);padding:.6rem .9rem;margin-top:0}
.muted{color:#4a4a4a;font-size:.93rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.n{white-space:nowrap}
table.compact td,table.compact th{padding:.12rem .45rem;font-size:.92rem}
.days{display:grid;grid-template-columns:minmax(0,1.8fr) minmax(17.5rem,1fr);gap:1.2rem;align-items:start}
.days table{margin-top:0}
table.checks td:first-child{min-width:11rem}
@media (max-width:50rem){.days{grid-template-columns:1fr}}
ul.ex{margin:0;padding-left:1.1rem}
ul.summary li{margin:.15rem 0}
dl.defs dt{font-weight:600;margin-top:.5rem}dl.defs dd{margin-left:1.2rem}
svg{width:100%;height:auto;display:block}
.tag{font-size:.85rem;color:#4a4a4a}
@media print{h2{break-after:avoid}tr{break-inside:avoid}}
"""


def e(value) -> str:
    return html.escape(str(value), quote=True)


def day_fr(day: dt.date) -> str:
    return format_date_fr(day)


def decimal_fr(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def check_label(form: str) -> str:
    label = CHECK_LABELS.get(form)
    return f"{e(label)} <span class=\"tag\">({e(form)})</span>" if label else e(form)


# ------------------------------------------------------------------------------------------- chart
def ticks(peak: int) -> List[int]:
    """Round values for the axis, from 0 to at least ``peak``: 0, 5, 10, 15 or 0, 20, 40..."""
    step = 1
    while peak / step > 5:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if peak / step <= 5:
                break
    top = -(-peak // step) * step
    return list(range(0, top + 1, step))


def chart_svg(days: Dict[dt.date, DayCounts]) -> str:
    """Bars per day: messages (light) behind conversations (dark); the figures are in the table after."""
    items = list(days.items())
    if not items:
        return '<p>Aucune conversation sur la période : pas de graphique.</p>'
    width, height, left, right, top_pad, bottom = 640, 280, 40, 8, 16, 46
    plot_h = height - top_pad - bottom
    peak = ticks(max(c.turns for _, c in items) or 1)[-1]
    scale = plot_h / peak
    slot = (width - left - right) / len(items)
    bar = max(1.5, min(26.0, slot * 0.72))
    busiest_day, busiest = max(items, key=lambda item: (item[1].turns, item[0]))
    total_c = sum(c.conversations for _, c in items)
    total_t = sum(c.turns for _, c in items)
    desc = (f"Du {day_fr(items[0][0])} au {day_fr(items[-1][0])} : {total_c} conversation(s) et {total_t} "
            f"message(s) des personnes. Jour le plus chargé : {day_fr(busiest_day)}, avec "
            f"{busiest.conversations} conversation(s) et {busiest.turns} message(s). Les chiffres de chaque jour "
            f"sont dans le tableau qui suit.")
    out = [f'<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">',
           '<title id="chart-title">Conversations et messages par jour</title>',
           f'<desc id="chart-desc">{e(desc)}</desc>']
    base = top_pad + plot_h
    for value in ticks(peak):
        y = base - value * scale
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d0d0"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#333">{value}</text>')
    label_every = max(1, round(len(items) / 16))
    for index, (day, counts) in enumerate(items):
        x = left + index * slot + (slot - bar) / 2
        for value, colour, what in ((counts.turns, "#8fb8de", "message(s)"),
                                    (counts.conversations, "#0b4f8a", "conversation(s)")):
            h = value * scale
            out.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                       f'<title>{e(day.strftime("%d/%m/%Y"))} : {value} {what}</title></rect>')
        if index % label_every == 0:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{base + 15}" font-size="10" text-anchor="middle" '
                       f'fill="#333">{e(day.strftime("%d/%m"))}</text>')
    legend_y = height - 12
    out.append(f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="#8fb8de"/>'
               f'<text x="{left + 14}" y="{legend_y}" font-size="11" fill="#333">messages des personnes</text>'
               f'<rect x="{left + 170}" y="{legend_y - 9}" width="10" height="10" fill="#0b4f8a"/>'
               f'<text x="{left + 184}" y="{legend_y}" font-size="11" fill="#333">conversations</text>')
    out.append("</svg>")
    return "".join(out)


# ------------------------------------------------------------------------------------------- sections
def _table_start(caption: str, columns: Sequence[str], css_class: str = "") -> str:
    """A table's opening, caption and header row; a column whose name starts with "#" holds numbers."""
    heads = "".join(f'<th scope="col" class="n">{name[1:]}</th>' if name.startswith("#")
                    else f'<th scope="col">{name}</th>' for name in columns)
    opening = f'<table class="{css_class}">' if css_class else "<table>"
    return f"{opening}<caption>{caption}</caption><thead><tr>{heads}</tr></thead><tbody>"


def _days_section(days: Dict[dt.date, DayCounts]) -> List[str]:
    out = ["<h2 id=\"jours\">Conversations et messages par jour</h2>"]
    if not days:
        return out + ["<p>Aucune conversation sur la période.</p>"]
    out.append('<div class="days"><div>' + chart_svg(days) + "</div>")
    out.append(_table_start("Conversations et messages des personnes, par jour",
                            ["Jour", "#Conversations", "#Messages"], "compact"))
    for day, counts in days.items():
        out.append(f'<tr><td>{e(day.strftime("%d/%m/%Y"))}</td><td class="n">{counts.conversations}</td>'
                   f'<td class="n">{counts.turns}</td></tr>')
    out.append("</tbody></table></div>")
    return out


def _topics_section(report: Report) -> List[str]:
    out = ["<h2 id=\"sujets\">Sujets les plus demandés</h2>"]
    total = sum(report.topics.values())
    if not total:
        return out + ["<p>Aucun message sur la période.</p>"]
    out.append(_table_start("Sujets des messages (intention reconnue, ou faq/clé de la question fréquente choisie)",
                            ["Sujet", "#Messages", "#Part"], "compact"))
    for topic, count in report.topics.most_common(TOP_TOPICS):
        out.append(f'<tr><td>{e(topic)}</td><td class="n">{count}</td><td class="n">{percent(count, total)}</td></tr>')
    rest = report.topics.most_common()[TOP_TOPICS:]
    if rest:
        others = sum(count for _, count in rest)
        out.append(f'<tr><td>{len(rest)} autres sujets</td><td class="n">{others}</td>'
                   f'<td class="n">{percent(others, total)}</td></tr>')
    out.append("</tbody></table>")
    if report.form_answers:
        out.append(f'<p class="muted">En plus, {report.form_answers} message(s) étaient des réponses aux questions '
                   "d'une vérification guidée (voir « Vérifications guidées ») : ils ne sont pas comptés comme "
                   "sujets.</p>")
    return out


def _checks_section(report: Report) -> List[str]:
    out = ["<h2 id=\"verifications\">Vérifications guidées</h2>"]
    if not report.checks:
        return out + ["<p>Le domaine ne déclare aucune vérification guidée.</p>"]
    out.append(_table_start("Vérifications guidées : commencées, terminées, abandonnées",
                            ["Vérification", "#Commencées", "#Terminées", "#Abandonnées", "#dont arrêtées",
                             "#dont laissées", "#En cours", "#Réponses redemandées"], "checks"))
    for form, c in report.checks.items():
        out.append(f'<tr><td>{check_label(form)}</td><td class="n">{c.started}</td><td class="n">{c.finished}</td>'
                   f'<td class="n">{c.abandoned}</td><td class="n">{c.stopped}</td><td class="n">{c.left}</td>'
                   f'<td class="n">{c.in_progress}</td><td class="n">{c.reasked}</td></tr>')
    out.append("</tbody></table>")
    out.append('<p class="muted">Commencées = terminées + abandonnées + en cours. Abandonnées = arrêtées par la '
               "personne (« stop », « arrête »…) + laissées sans réponse (la conversation s'est terminée pendant la "
               "vérification). Réponses redemandées : réponses que la vérification n'a pas pu lire et a "
               "redemandées avec un exemple ; beaucoup à la même vérification montrent une question mal "
               "comprise.</p>")
    return out


def repeat(count: int) -> str:
    return f' <span class="tag">(×{count})</span>' if count > 1 else ""


def _bot_did(turns: Sequence[Turn]) -> str:
    fallbacks = sum(t.reason == "fallback" for t in turns)
    low = Counter(t.topic for t in turns if t.reason == "low")
    parts = []
    if fallbacks:
        parts.append(f"« je n'ai pas compris » ×{fallbacks}")
    if low:
        best = {topic: min(t.confidence for t in turns if t.reason == "low" and t.topic == topic) for topic in low}
        answers = ", ".join(f"{e(topic)} ×{count} (confiance ≤ {decimal_fr(best[topic])})"
                            for topic, count in low.most_common(3))
        parts.append(f"réponse peu sûre : {answers}")
    return "<br>".join(parts)


def _missed_section(report: Report, groups: Sequence[Group], threshold: float) -> List[str]:
    out = ["<h2 id=\"manques\">Messages non compris ou compris avec peu de confiance</h2>",
           f"<p>{len(report.missed)} message(s) manqué(s) : le bot a répondu qu'il n'avait pas compris, ou a choisi "
           f"sa réponse avec une confiance sous {decimal_fr(threshold)} (hors réponses aux "
           "questions d'une vérification). Les messages qui se ressemblent sont regroupés ; le nombre compte "
           "tous les messages du groupe. Commencez par les groupes les plus nombreux.</p>"]
    if not groups:
        return out + ["<p>Aucun message manqué sur la période.</p>"]
    by_text: Dict[str, List[Turn]] = defaultdict(list)
    for turn in report.missed:
        by_text[normalise(turn.text)].append(turn)
    out.append(_table_start("Messages manqués, regroupés par ressemblance",
                            ["#Nombre", "Messages (tels qu'enregistrés)", "Ce que le bot a fait"]))
    for group in groups:
        items = "".join(f"<li>{e(text)}{repeat(count)}</li>" for text, count in group.examples[:EXAMPLES_PER_GROUP])
        more = len(group.examples) - EXAMPLES_PER_GROUP
        if more > 0:
            items += f'<li class="tag">… et {more} autre(s) formulation(s)</li>'
        turns = [t for text, _ in group.examples for t in by_text.get(text, [])]
        out.append(f'<tr><td class="n">{group.count}</td><td><ul class="ex">{items}</ul></td>'
                   f"<td>{_bot_did(turns)}</td></tr>")
    out.append("</tbody></table>")
    return out


DANGER_LABELS = {"suicide": "Suicide", "violence": "Violence", "homeless": "Nuit dehors", "hunger": "Faim",
                 "generic": "Autre urgence"}


def _danger_section(report: Report) -> List[str]:
    out = ["<h2 id=\"urgences\">Réponses d'urgence (danger d'abord)</h2>"]
    days = sorted(set(report.danger_messages) | set(report.danger_answers))
    if not days:
        return out + ["<p>Aucune réponse d'urgence sur la période.</p>"]
    kinds = list(DANGER_LABELS) + sorted({k for c in report.danger_answers.values() for k in c} - set(DANGER_LABELS))
    out.append(_table_start("Messages qui ont reçu d'abord des numéros d'urgence, et réponses d'urgence par sorte "
                            "de danger, par jour",
                            ["Jour", "#Messages", *[f"#{e(DANGER_LABELS.get(k, k))}" for k in kinds]], "compact"))
    for day in days:
        answers = report.danger_answers.get(day, Counter())
        cells = "".join(f'<td class="n">{answers.get(k, 0)}</td>' for k in kinds)
        out.append(f'<tr><td class="day">{e(day.strftime("%d/%m/%Y"))}</td>'
                   f'<td class="n">{report.danger_messages.get(day, 0)}</td>{cells}</tr>')
    total = Counter()
    for answers in report.danger_answers.values():
        total.update(answers)
    cells = "".join(f'<td class="n">{total.get(k, 0)}</td>' for k in kinds)
    out.append(f'<tr><th scope="row">Total</th><td class="n">{sum(report.danger_messages.values())}</td>{cells}'
               "</tr></tbody></table>")
    out.append('<p class="muted">Les messages eux-mêmes ne sont pas repris ici. Les numéros donnés sont ceux de '
               "<code>knowledge/emergency.yml</code> et les signes reconnus ceux de "
               "<code>knowledge/danger_signs.yml</code> (tous deux modifiables par le personnel).</p>")
    return out


def _sites_section(report: Report) -> List[str]:
    out = ["<h2 id=\"sites\">Avertissements sur des sites non officiels</h2>"]
    total = sum(report.site_warnings.values())
    if total:
        out.append(_table_start("Avertissements donnés, par site cité", ["Site", "#Avertissements"]))
        for site, count in report.site_warnings.most_common():
            out.append(f'<tr><td>{e(site)}</td><td class="n">{count}</td></tr>')
        out.append("</tbody></table>")
    else:
        out.append("<p>Aucun avertissement sur la période.</p>")
    if report.site_actions_without_warning:
        out.append(f'<p class="muted">{report.site_actions_without_warning} fois, un message parlait d\'un site '
                   "sans avertissement : le site était officiel, ou il n'est pas dans la liste knowledge/sites.yml "
                   "(à compléter s'il s'agit d'un site privé).</p>")
    return out


def _definitions(report: Report) -> List[str]:
    minutes = report.expiration_minutes
    expiration = (f"{minutes:g} minutes" if minutes else "(jamais : les sessions n'expirent pas)")
    out = ['<h2 id="definitions">Comment les chiffres sont comptés</h2><dl class="defs">']
    for term, text in DEFINITIONS:
        out.append(f"<dt>{e(term)}</dt><dd>{e(text.replace('{expiration}', expiration))}</dd>")
    out.append("</dl>")
    return out


def render(report: Report, groups: Sequence[Group], *, generated: dt.datetime, period: str,
           threshold: float, days: Optional[Dict[dt.date, DayCounts]] = None) -> str:
    days = report.days if days is None else days
    warnings = sum(report.site_warnings.values())
    abandoned = sum(c.abandoned for c in report.checks.values())
    started = sum(c.started for c in report.checks.values())
    finished = sum(c.finished for c in report.checks.values())
    running = sum(c.in_progress for c in report.checks.values())
    in_progress = f", {running} en cours" if running else ""
    out = [
        '<!DOCTYPE html>', '<html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Assistant CPAS — rapport pour le personnel</title>",
        f"<style>{CSS}</style></head><body><main>",
        '<p class="lead">Pour qu\'une question manquée soit comprise la prochaine fois, ajoutez-la (sans aucune '
        "donnée personnelle) comme exemple sous la bonne intention ou la bonne clé FAQ dans un fichier de "
        "<code>data/nlu/</code>, lancez <code>make train</code>, puis essayez-la dans <code>make shell</code> "
        f'(voir le <a href="{GUIDE}">guide du personnel, docs/staff.md</a>).</p>',
        "<h1>Assistant CPAS — rapport pour le personnel</h1>",
        f'<p class="muted">Période : {e(period)}. Rapport généré le {e(generated.strftime("%d/%m/%Y à %H:%M"))}. '
        "Les messages sont montrés tels qu'ils sont enregistrés (numéros de téléphone, IBAN, adresses e-mail et "
        "numéros nationaux déjà masqués par le bot) ; aucun identifiant de personne n'apparaît. Ce rapport "
        "contient les questions des gens : ne le diffusez pas hors du service.</p>",
        "<h2 id=\"bref\">En bref</h2><ul class=\"summary\">",
        f"<li>{report.conversations} conversation(s) et {report.turns} message(s) des personnes.</li>",
        f"<li>{len(report.missed)} message(s) manqué(s) ({percent(len(report.missed), report.turns)} des "
        f"messages), en {len(groups)} groupe(s) de messages semblables.</li>",
        f"<li>{started} vérification(s) guidée(s) commencée(s) : {finished} terminée(s), {abandoned} "
        f"abandonnée(s){in_progress}.</li>",
        f"<li>{sum(report.danger_messages.values())} message(s) ont reçu d'abord des numéros d'urgence (suicide, "
        "violence, nuit dehors, faim).</li>",
        f"<li>{warnings} avertissement(s) sur des sites non officiels.</li></ul>",
    ]
    # The overview, then what staff act on (missed messages, checks), then the topics and the sites.
    out += _days_section(days)
    out += _danger_section(report)
    out += _missed_section(report, groups, threshold)
    out += _checks_section(report)
    out += _topics_section(report)
    out += _sites_section(report)
    out += _definitions(report)
    out.append("</main></body></html>")
    return "\n".join(out)
