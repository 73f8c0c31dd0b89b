// The chat widget in Debian's headless chromium, driven by playwright-core (no browser download), on the demo
// page served by scripts/serve_web.py (its Content-Security-Policy stays on) and talking to the real bot.
// Prints one JSON line: {"steps": [{name, ok, detail}], "axe": [...]}. The pytest side asserts on it.
// Usage: node widget.mjs <demo page URL> <bot URL> <screenshot path> [folder for extra screenshots]
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [pageUrl, botUrl, screenshot, extraDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ERROR_TEXT = "Le service ne répond pas pour le moment. Réessayez ou appelez votre CPAS.";
const WEBHOOK = "**/webhooks/rest/webhook";
const isWebhookPost = (request) => request.url().includes("/webhooks/rest/webhook") && request.method() === "POST";
const origin = new URL(pageUrl).origin;
const bot = new URL(botUrl).origin;

const result = { steps: [], axe: [] };
const step = (name, ok, detail = "") => {
  result.steps.push({ name, ok: !!ok, detail: typeof detail === "string" ? detail.slice(0, 800) : JSON.stringify(detail).slice(0, 800) });
};

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "cpas-e2e-")), {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 800 },
  locale: "fr-BE",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
// Every Content-Security-Policy violation is recorded (the page runs under serve_web.py's CSP, not bypassed).
await context.addInitScript(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
});

const errors = [];
const posts = [];
let page;

// CORS headers for answers the test makes up itself (the page and the bot are on different origins).
const cors = { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Headers": "content-type",
               "Access-Control-Allow-Methods": "POST, OPTIONS" };

async function runAxe(label) {
  // Injected through the DevTools protocol: the page's CSP (script-src 'self') is not relaxed for it.
  await page.evaluate(axeSource);
  const r = await page.evaluate(async () => {
    const out = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } });
    return {
      violations: out.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) })),
      passes: out.passes.length, incomplete: out.incomplete.map((v) => v.id), inapplicable: out.inapplicable.length,
      widgetNodes: out.passes.reduce((n, v) => n + v.nodes.filter((x) => x.target.join(" ").includes("cpasw")).length, 0),
    };
  });
  result.axe.push({ state: label, ...r });
  step(`axe-core wcag2a/wcag2aa/wcag21aa, ${label}: no violation`, r.violations.length === 0 && r.widgetNodes > 0,
       r.violations.length ? r.violations : `${r.passes} rules passed, ${r.widgetNodes} widget nodes checked`);
}

const botBubbles = () => page.locator(".cpasw-bot, .cpasw-error").count();
const focusedId = () => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.className));

// Types a message in the widget and waits for the answer; returns the new bubbles' texts (without the
// "Assistant : " said to screen readers only).
async function ask(text, { timeout = 90000 } = {}) {
  const input = page.locator("#cpasw-input");
  const before = await botBubbles();
  await input.fill(text);
  await input.press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll(".cpasw-bot, .cpasw-error").length > n &&
    !document.querySelector(".cpasw-typing").textContent, before, { timeout });
  return page.evaluate((n) => Array.from(document.querySelectorAll(".cpasw-bot, .cpasw-error")).slice(n)
    .map((b) => b.innerText.replace(/^Assistant :\s*/, "").trim()), before);
}

try {
  page = context.pages()[0] || await context.newPage();
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => { errors.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) { errors.push(`console: ${m.text()}`); } });
  page.on("request", (r) => { if (isWebhookPost(r)) { posts.push(JSON.parse(r.postData() || "{}")); } });

  await page.goto(pageUrl, { waitUntil: "load" });
  const launcher = page.locator("button.cpasw-launcher");
  await launcher.waitFor({ state: "visible", timeout: 10000 });
  const input = page.locator("#cpasw-input");
  const panel = page.locator("#cpasw-panel");

  // ---------------------------------------------------------------------------------- the closed widget
  step("widget root has lang=fr", await page.locator(".cpasw-root[lang=fr]").count() === 1);
  step("launcher is a <button> with aria-expanded=false and aria-controls=the panel",
       await launcher.getAttribute("aria-expanded") === "false" && await launcher.getAttribute("aria-controls") === "cpasw-panel" &&
       await panel.isHidden(), await launcher.evaluate((b) => b.outerHTML));
  step("launcher text in French", (await launcher.innerText()).trim() === "Poser une question au CPAS");
  step("styles loaded from cpas-widget.css (no inline style)", await page.evaluate(() =>
    getComputedStyle(document.querySelector(".cpasw-launcher")).position === "fixed" &&
    !!document.querySelector('link[rel=stylesheet][href$="/widget/cpas-widget.css"]') &&
    !document.querySelector(".cpasw-root style, .cpasw-root [style]")));

  // ---------------------------------------------------------------------------------- keyboard only: Tab, Enter
  let tabs = 0;
  let reached = false;
  while (tabs < 40 && !reached) {
    await page.keyboard.press("Tab");
    tabs += 1;
    reached = await page.evaluate(() => document.activeElement && document.activeElement.classList.contains("cpasw-launcher"));
  }
  step("launcher reached with the Tab key", reached, `${tabs} Tab presses`);
  const focusRing = await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth}`; });
  step("focus visible on the launcher", /solid 3px/.test(focusRing), focusRing);
  await page.keyboard.press("Enter");
  step("Enter opens it: aria-expanded=true, panel shown", await launcher.getAttribute("aria-expanded") === "true" && await panel.isVisible());
  step("panel is a dialog named by its heading", await page.evaluate(() => {
    const p = document.getElementById("cpasw-panel");
    const h = document.getElementById(p.getAttribute("aria-labelledby"));
    return p.getAttribute("role") === "dialog" && h && h.tagName === "H2" && h.textContent === "Assistant CPAS" && p.contains(h);
  }));
  step("transcript is role=log aria-live=polite", await page.locator("#cpasw-panel [role=log][aria-live=polite]").count() === 1);

  // ---------------------------------------------------------------------------------- the privacy notice
  const notice = page.locator(".cpasw-notice");
  const noticeText = (await notice.innerText()).replace(/\s+/g, " ");
  const needed = ["30 jours", "registre national", "IBAN", "e-mail", "téléphone", "masqués", "le CPAS de La Hulpe",
                  "améliorer le service", "santé", "c'est le CPAS qui décide"];
  const missing = needed.filter((w) => !noticeText.includes(w));
  step("privacy notice: what is kept, masked, how long, who reads it, what not to type, the CPAS decides",
       missing.length === 0, missing.length ? `missing ${missing.join(", ")} in: ${noticeText}` : noticeText);
  step("notice is the first thing in the transcript", await page.evaluate(() =>
    document.querySelector("#cpasw-log").firstElementChild.classList.contains("cpasw-notice")));
  step("input disabled until « J'ai compris »", await input.isDisabled());
  step("focus on « J'ai compris », described by the notice", await page.evaluate(() => {
    const a = document.activeElement;
    const ids = (a.getAttribute("aria-describedby") || "").split(" ");
    return a.tagName === "BUTTON" && a.textContent === "J'ai compris" && ids.includes("cpasw-notice-text") &&
      !!document.getElementById("cpasw-notice-text");
  }));
  await runAxe("widget open, privacy notice");
  await page.keyboard.press("Enter");
  step("after « J'ai compris »: focus in the input, enabled, with a visible <label>", await page.evaluate(() => {
    const a = document.activeElement;
    return a.id === "cpasw-input" && !a.disabled && a.labels.length === 1 && a.labels[0].textContent === "Votre question" &&
      a.labels[0].offsetHeight > 0 && !a.hasAttribute("aria-label");
  }));
  step("notice stays visible above the conversation", await notice.isVisible() && await page.locator(".cpasw-accept").count() === 0);

  // ---------------------------------------------------------------------------------- a question, typing, no double send
  // The bot's answer is held back 1.5 s so that the typing indicator and a second Enter can be seen.
  await page.route(WEBHOOK, async (route) => {
    if (route.request().method() === "POST") { await new Promise((r) => setTimeout(r, 1500)); }
    await route.fallback();
  });
  const question = "Quel est le montant du revenu d'intégration ?";
  const postsBefore = posts.length;
  const before = await botBubbles();
  await page.keyboard.type(question);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".cpasw-typing").textContent.length > 0, null, { timeout: 5000 });
  step("typing indicator, announced politely", await page.evaluate(() => {
    const t = document.querySelector(".cpasw-typing");
    return t.getAttribute("role") === "status" && t.textContent === "L'assistant écrit…";
  }));
  step("send disabled while waiting", await page.locator(".cpasw-send").getAttribute("aria-disabled") === "true");
  await page.keyboard.type("deuxième message");
  await page.keyboard.press("Enter");
  await page.locator("form.cpasw-form").evaluate((f) => f.requestSubmit());
  await page.waitForFunction((n) => document.querySelectorAll(".cpasw-bot, .cpasw-error").length > n, before, { timeout: 90000 });
  await page.unroute(WEBHOOK);
  step("no double send: one request, the second text kept in the field", posts.length === postsBefore + 1 &&
       await input.inputValue() === "deuxième message", `${posts.length - postsBefore} requests, field: ${await input.inputValue()}`);
  const answer = (await page.locator(".cpasw-bot").nth(before).innerText());
  step("the question's answer has an amount and its date", /\d,\d\d\s*€/.test(answer) && /20\d\d/.test(answer), answer);
  step("the question is shown as the person's message", (await page.locator(".cpasw-user").first().innerText()).includes(question));
  step("focus still in the input after the answer", await focusedId() === "cpasw-input");
  await input.fill("");

  // ---------------------------------------------------------------------------------- session id, storage
  const storage = await page.evaluate(() => ({ session: sessionStorage.getItem("cpas-widget-session"), local: localStorage.length,
                                                cookie: document.cookie }));
  const cookies = await context.cookies([pageUrl, botUrl]);
  step("random session id in sessionStorage only (no cookie, no localStorage), sent as the sender",
       /^web-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(storage.session || "") &&
       storage.local === 0 && storage.cookie === "" && cookies.length === 0 && posts[posts.length - 1].sender === storage.session,
       JSON.stringify({ ...storage, cookies: cookies.length }));

  // ---------------------------------------------------------------------------------- quick replies
  const responsePromise = page.waitForResponse((r) => isWebhookPost(r.request()), { timeout: 90000 });
  await ask("Est-ce que j'ai droit au revenu d'intégration ?");
  const offered = (await (await responsePromise).json()).flatMap((m) => m.buttons || []);
  const replyButtons = page.locator(".cpasw-replies[role=group] > button.cpasw-reply");
  const titles = await replyButtons.allInnerTexts();
  step("quick replies are real buttons, one per button of the answer", offered.length > 0 &&
       titles.length === offered.length && titles.every((t, i) => t.trim() === offered[i].title), JSON.stringify({ titles, offered }));
  const choice = offered.find((b) => b.payload !== b.title) || offered[0];
  // The screenshot for the README: the demo page (from its top), the widget open, a short conversation with
  // the guided check's quick replies.
  if (screenshot) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshot });
  }
  const oldButtons = await replyButtons.elementHandles();
  const beforeReply = await botBubbles();
  const postsBeforeReply = posts.length;
  await replyButtons.nth(titles.findIndex((t) => t.trim() === choice.title)).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll(".cpasw-bot, .cpasw-error").length > n &&
    !document.querySelector(".cpasw-typing").textContent, beforeReply, { timeout: 90000 });
  const sent = posts.slice(postsBeforeReply).map((p) => p.message);
  const lastUser = (await page.locator(".cpasw-user").last().innerText()).trim();
  step("a quick reply sends its payload and shows its title", sent.length === 1 && sent[0] === choice.payload &&
       lastUser.endsWith(choice.title), JSON.stringify({ choice, sent, lastUser }));
  const stale = await Promise.all(oldButtons.map((b) => b.evaluate((n) => n.isConnected && !n.disabled)));
  step("old quick replies removed after use", stale.every((s) => !s) && oldButtons.length > 0);
  const next = await page.locator(".cpasw-bot").last().innerText();
  step("the guided check goes on after the quick reply", /âge/i.test(next), next);
  step("focus back in the input after a quick reply", await focusedId() === "cpasw-input");

  await runAxe("widget open, conversation with quick replies");

  // ---------------------------------------------------------------------------------- nothing from the bot is HTML
  await page.route("**/static/logo.png", (route) => route.fulfill({
    status: 200, contentType: "image/png",
    body: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64") }));
  await page.route(WEBHOOK, (route) => {
    if (route.request().method() === "OPTIONS") { return route.fulfill({ status: 204, headers: cors }); }
    return route.fulfill({ status: 200, headers: { ...cors, "Content-Type": "application/json" }, body: JSON.stringify([
      { text: "Ligne 1 <b>gras</b> <img src=x onerror=\"window.__xss=1\"> <script>window.__xss=2</script>\n" +
              "Voir https://www.mi-is.be/fr/cpas-info. Écrivez à mi.dpo@mi-is.be ou appelez le 02/634.01.30 (0800 32 123).\n" +
              "Pas des liens : cpas-info.be, javascript:window.__xss=3, 01.02.2025, 1 314,20 €, 1310.",
        buttons: [{ title: "<i>Oui</i>", payload: "oui" }] },
      { image: "javascript:window.__xss=4" }, { image: "http://tracker.example/x.png" }, { image: "//tracker.example/y.png" },
      { image: "/static/logo.png" },
      { custom: { html: "<img src=x onerror=window.__xss=5>" } },
    ]) });
  });
  const fakeBefore = await botBubbles();
  await ask("Une réponse préparée par le test");
  await page.unroute(WEBHOOK);
  const fake = await page.evaluate((n) => {
    const bubbles = Array.from(document.querySelectorAll(".cpasw-bot")).slice(n);
    const log = document.querySelector("#cpasw-log");
    return {
      xss: window.__xss, text: bubbles.map((b) => b.textContent).join(" | "),
      tags: Array.from(log.querySelectorAll("b, i, script, iframe, object")).length,
      imgs: Array.from(log.querySelectorAll("img")).map((i) => ({ src: i.src, alt: i.alt })),
      brs: bubbles[0] ? bubbles[0].querySelectorAll("br").length : 0,
      links: Array.from(bubbles[0] ? bubbles[0].querySelectorAll("a") : []).map((a) => ({
        href: a.getAttribute("href"), text: a.textContent, target: a.getAttribute("target"), rel: a.getAttribute("rel"),
        hidden: (a.querySelector(".cpasw-sr") || {}).textContent || "" })),
      reply: Array.from(log.querySelectorAll(".cpasw-reply")).map((b) => b.textContent),
    };
  }, fakeBefore);
  step("bot text with markup stays text (no element, no script run)", fake.xss === undefined && fake.tags === 0 &&
       fake.text.includes("<b>gras</b>") && fake.text.includes("<img src=x") && fake.reply.includes("<i>Oui</i>"), fake);
  step("line breaks become <br>", fake.brs === 2, fake.brs);
  const hrefs = fake.links.map((l) => l.href);
  const web = fake.links.find((l) => l.href === "https://www.mi-is.be/fr/cpas-info");
  step("safe links: https (new window, noopener noreferrer), mailto, tel; nothing else",
       JSON.stringify(hrefs) === JSON.stringify(["https://www.mi-is.be/fr/cpas-info", "mailto:mi.dpo@mi-is.be",
                                                 "tel:+3226340130", "tel:+3280032123"]) &&
       web && web.target === "_blank" && web.rel === "noopener noreferrer" && web.hidden === " (nouvelle fenêtre)",
       fake.links);
  step("images only from https or the bot's own server", fake.imgs.length === 1 && fake.imgs[0].src === `${bot}/static/logo.png` &&
       fake.imgs[0].alt.length > 0, fake.imgs);

  // An empty answer and an answer that is not JSON.
  for (const [body, expected, what] of [["[]", "Je n'ai pas de réponse à cela. Écrivez votre question autrement, ou appelez votre CPAS.", "an empty answer: a plain sentence"],
                                        ["<html>proxy error</html>", ERROR_TEXT, "an answer that is not JSON: the error message"]]) {
    await page.route(WEBHOOK, (route) => route.request().method() === "OPTIONS" ? route.fulfill({ status: 204, headers: cors })
      : route.fulfill({ status: 200, headers: { ...cors, "Content-Type": "application/json" }, body }));
    const shown = await ask("Bonjour");
    await page.unroute(WEBHOOK);
    step(what, shown.length === 1 && shown[0] === expected, shown);
  }
  await input.fill("");

  // The real bot, with markup typed by a person, and an unofficial site it warns about (never a link).
  const htmlAnswer = await ask("<img src=x onerror=alert(1)> <b>gras</b>");
  step("a message with markup is shown as text, nothing injected", await page.evaluate(() =>
    !document.querySelector("#cpasw-log img[src='x'], #cpasw-log b") &&
    Array.from(document.querySelectorAll(".cpasw-user")).pop().textContent.includes("<img src=x onerror=alert(1)> <b>gras</b>")) &&
    htmlAnswer.length > 0, htmlAnswer);
  const warning = (await ask("Est-ce que cpas-info.be est un site officiel ?")).join(" ");
  step("the unofficial site is named but never a link", /cpas-info\.be/.test(warning) &&
       await page.locator('#cpasw-log a[href*="cpas-info.be"]').count() === 0, warning);

  // ---------------------------------------------------------------------------------- network errors
  await page.route(WEBHOOK, (route) => route.abort("failed"));
  const failed = await ask("Qui peut demander la prime d'installation ?");
  step("network error: the French message, the text back in the field, focus kept",
       failed.length === 1 && failed[0] === ERROR_TEXT && await input.isEnabled() &&
       await input.inputValue() === "Qui peut demander la prime d'installation ?" && await focusedId() === "cpasw-input", failed);
  await page.unroute(WEBHOOK);
  await page.route(WEBHOOK, (route) => route.request().method() === "OPTIONS" ? route.fulfill({ status: 204, headers: cors })
    : route.fulfill({ status: 500, headers: { ...cors, "Content-Type": "application/json" }, body: "{\"error\": 1}" }));
  const failed500 = await ask("Qui peut demander la prime d'installation ?");
  step("HTTP 500: the same message", failed500.length === 1 && failed500[0] === ERROR_TEXT, failed500);
  await page.unroute(WEBHOOK);
  const retry = await ask(await input.inputValue());
  step("after an error the widget still works", retry.length > 0 && !retry.includes(ERROR_TEXT) && /prime/i.test(retry.join(" ")), retry);

  // ---------------------------------------------------------------------------------- Escape, reopening, closing
  await input.focus();
  await page.keyboard.press("Escape");
  step("Escape closes the panel", await launcher.getAttribute("aria-expanded") === "false" && await panel.isHidden());
  step("focus back on the launcher", await page.evaluate(() => document.activeElement.classList.contains("cpasw-launcher")));
  await page.keyboard.press("Enter");
  step("reopening moves the focus to the input, conversation kept", await focusedId() === "cpasw-input" &&
       await page.locator(".cpasw-user").count() >= 6);
  await page.locator(".cpasw-close").focus();
  await page.keyboard.press("Enter");
  step("the « Fermer » button closes and gives the focus back",
       await panel.isHidden() && await page.evaluate(() => document.activeElement.classList.contains("cpasw-launcher")));

  // ---------------------------------------------------------------------------------- reflow: 320 px, 200 % zoom
  for (const [width, height, what] of [[320, 640, "320 px wide"], [640, 400, "200 % zoom of 1280×800"], [320, 256, "320×256"]]) {
    await page.setViewportSize({ width, height });
    if (await panel.isHidden()) { await launcher.click(); }
    await page.waitForTimeout(100);
    const fit = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const vh = window.innerHeight;
      const p = document.getElementById("cpasw-panel");
      const r = p.getBoundingClientRect();
      const inside = (el) => { const b = el.getBoundingClientRect(); return b.left >= 0 && b.right <= vw && b.top >= 0 && b.bottom <= vh; };
      const log = document.getElementById("cpasw-log");
      const send = document.querySelector(".cpasw-send");
      const field = document.getElementById("cpasw-input");
      const visibleNow = inside(send) && inside(field);
      send.scrollIntoView({ block: "nearest" });
      return {
        pageScroll: document.documentElement.scrollWidth <= vw, panelInside: r.left >= 0 && r.right <= vw && r.top >= 0 && r.bottom <= vh,
        noScrollInside: p.scrollWidth <= p.clientWidth && log.scrollWidth <= log.clientWidth,
        formVisible: visibleNow, formReachable: inside(send) && inside(field), launcher: inside(document.querySelector(".cpasw-launcher")),
      };
    });
    const ok = fit.pageScroll && fit.panelInside && fit.noScrollInside && fit.launcher &&
      (height >= 400 ? fit.formVisible : fit.formReachable);
    step(`reflow at ${what}: no horizontal scroll, nothing cut off`, ok, fit);
    if (extraDir) { await page.screenshot({ path: join(extraDir, `widget-${width}x${height}.png`) }); }
    if (width === 320 && height === 640) { await runAxe("widget open at 320 px"); }
  }

  // ---------------------------------------------------------------------------------- settings from the script tag
  const other = await context.newPage();
  await other.route("**/demo/", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('data-retention-days="30"', 'data-retention-days="45" data-title="Aide en ligne"');
    await route.fulfill({ response, body });
  });
  await other.goto(pageUrl, { waitUntil: "load" });
  await other.locator("button.cpasw-launcher").click();
  step("settings from data- attributes (retention days, title)",
       (await other.locator(".cpasw-notice").innerText()).includes("45 jours") &&
       (await other.locator("#cpasw-title").innerText()) === "Aide en ligne");
  await other.close();

  const csp = await page.evaluate(() => window.__csp);
  step("no CSP violation, no script error, no dialog", csp.length === 0 && errors.length === 0, [...csp, ...errors]);
} catch (error) {
  step("the browser test ran to the end", false, error.stack || String(error));
} finally {
  await context.close();
}
console.log(JSON.stringify(result));
