// Drives Debian's chromium on the demo page: keyboard only to open the widget, a question, a quick reply,
// Escape, 320 px reflow, no injected HTML, axe-core (wcag2a, wcag2aa, wcag21aa). Prints one JSON result line.
// Usage: node widget.mjs <demo page URL> <screenshot path>
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, screenshot] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const result = { steps: [] };
const step = (name, ok, detail = "") => { result.steps.push({ name, ok: !!ok, detail: String(detail).slice(0, 500) }); };

const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "cpas-e2e-")), {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1100, height: 800 },
  bypassCSP: true,   // only so that axe-core can be injected; the widget itself runs under the CSP
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = browser.pages()[0] || await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", async (d) => { errors.push("dialog: " + d.message()); await d.dismiss(); });
  await page.goto(url, { waitUntil: "load" });
  const launcher = page.locator(".cpasw-launcher");
  await launcher.waitFor();
  step("lang fr on the widget", await page.locator(".cpasw-root[lang=fr]").count() === 1);
  step("launcher is a collapsed button", await launcher.getAttribute("aria-expanded") === "false");

  // Keyboard only: Tab until the launcher has the focus, then Enter.
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement && document.activeElement.classList.contains("cpasw-launcher"));
  }
  step("launcher reached with Tab", reached);
  await page.keyboard.press("Enter");
  step("launcher expanded", await launcher.getAttribute("aria-expanded") === "true");
  const log = page.locator(".cpasw-log[role=log][aria-live=polite]");
  step("transcript is a polite live log", await log.count() === 1);
  step("privacy notice shown first", (await page.locator(".cpasw-notice").innerText()).includes("jours"));
  step("input disabled until the notice is acknowledged", await page.locator("#cpasw-input").isDisabled());
  step("focus on the notice button", await page.evaluate(() => document.activeElement.classList.contains("cpasw-accept")));
  await page.keyboard.press("Enter");
  step("focus in the labelled input", await page.evaluate(() => {
    const a = document.activeElement;
    return a.id === "cpasw-input" && !!document.querySelector("label[for=cpasw-input]");
  }));

  // A question, by keyboard.
  await page.keyboard.type("Quel est le montant du revenu d'intégration ?");
  await page.keyboard.press("Enter");
  const firstAnswer = page.locator(".cpasw-bot").first();
  await firstAnswer.waitFor({ timeout: 60000 });
  const answer = await firstAnswer.innerText();
  step("answer with a dated amount", /€/.test(answer) && /20\d\d/.test(answer), answer);

  // Quick replies: a guided check asks with buttons.
  await page.locator("#cpasw-input").fill("Est-ce que j'ai droit au revenu d'intégration ?");
  await page.keyboard.press("Enter");
  const reply = page.locator(".cpasw-replies button.cpasw-reply").first();
  await reply.waitFor({ timeout: 60000 });
  const title = (await reply.innerText()).trim();
  const botCount = await page.locator(".cpasw-bot").count();
  await reply.click();
  await page.waitForFunction((n) => document.querySelectorAll(".cpasw-bot").length > n, botCount, { timeout: 60000 });
  const lastUser = await page.locator(".cpasw-user").last().innerText();
  step("quick reply sent as the user's message", lastUser.includes(title), `${title} / ${lastUser}`);
  step("old quick replies removed", !(await page.locator(".cpasw-reply", { hasText: title }).count()) ||
       (await page.locator(".cpasw-replies").count()) <= 1);

  // Screenshot of the demo page with the widget open and a short conversation.
  if (screenshot) { await page.screenshot({ path: screenshot }); }

  // axe-core on the page with the widget open and messages in it.
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } });
    return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) })), passes: r.passes.length };
  });
  result.axe = axe;
  step("axe-core: no WCAG 2.1 A/AA violation", axe.violations.length === 0, JSON.stringify(axe.violations));

  // The bot's text is never HTML: a message with markup stays text.
  await page.locator("#cpasw-input").fill("stop");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(200);
  await page.locator("#cpasw-input").waitFor();
  await page.waitForFunction(() => !document.querySelector("#cpasw-input").disabled, null, { timeout: 60000 });
  await page.locator("#cpasw-input").fill("<img src=x onerror=alert(1)> <b>gras</b>");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector("#cpasw-input").disabled, null, { timeout: 60000 });
  step("no HTML injected", await page.locator(".cpasw-log img, .cpasw-log b").count() === 0 &&
       (await page.locator(".cpasw-user").last().innerText()).includes("<img"));

  // Escape closes and gives the focus back to the launcher.
  await page.locator("#cpasw-input").focus();
  await page.keyboard.press("Escape");
  step("Escape closes", await launcher.getAttribute("aria-expanded") === "false" && await page.locator("#cpasw-panel").isHidden());
  step("focus back on the launcher", await page.evaluate(() => document.activeElement.classList.contains("cpasw-launcher")));

  // Session id in sessionStorage only, no cookie, nothing in localStorage.
  const storage = await page.evaluate(() => ({ session: sessionStorage.getItem("cpas-widget-session"), local: localStorage.length, cookie: document.cookie }));
  step("session id in sessionStorage only", /^web-[0-9a-f]{32}$/.test(storage.session || "") && storage.local === 0 && storage.cookie === "", JSON.stringify(storage));

  // 320 px wide (and so 200 % zoom of a 640 px window): no horizontal scroll, the panel fits.
  await page.setViewportSize({ width: 320, height: 640 });
  await launcher.click();
  const fits = await page.evaluate(() => {
    const p = document.querySelector("#cpasw-panel").getBoundingClientRect();
    return { scroll: document.documentElement.scrollWidth <= window.innerWidth, left: p.left >= 0, right: p.right <= window.innerWidth };
  });
  step("reflow at 320 px", fits.scroll && fits.left && fits.right, JSON.stringify(fits));
  step("no page error", errors.length === 0, errors.join(" | "));
} catch (error) {
  step("test ran to the end", false, error.stack || error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
