/*
 * Assistant CPAS — chat widget for a commune's website. Plain JavaScript, no framework, no external file.
 * Embed it with one line:
 *   <script src="https://bot.example.be/widget/cpas-widget.js" data-server="https://bot.example.be" defer></script>
 * Options (data- attributes of that script tag):
 *   data-server          the bot's address (its REST channel is at /webhooks/rest/webhook)  [required]
 *   data-retention-days  how long conversations are kept, shown in the privacy notice         [30]
 *   data-title           the panel's title                                                    ["Assistant CPAS"]
 *   data-cpas            who reads the conversations, shown in the privacy notice             ["le CPAS"]
 * Accessibility (WCAG 2.1 AA): a real <button aria-expanded> launcher, a labelled dialog, a role="log"
 * aria-live="polite" transcript, a labelled input, Escape closes and gives the focus back, visible focus,
 * reflow at 320 px and 200 % zoom. The bot's text is never injected as HTML: links are built as DOM nodes.
 * The conversation id lives in sessionStorage only (no cookie, no localStorage).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__cpasWidgetLoaded) { return; }
  window.__cpasWidgetLoaded = true;

  var server = (script.getAttribute("data-server") || "").replace(/\/+$/, "");
  var retentionDays = parseInt(script.getAttribute("data-retention-days") || "30", 10) || 30;
  var title = script.getAttribute("data-title") || "Assistant CPAS";
  var reader = script.getAttribute("data-cpas") || "le CPAS";
  var endpoint = server + "/webhooks/rest/webhook";
  var STORAGE_KEY = "cpas-widget-session";
  var NOTICE_KEY = "cpas-widget-notice-accepted";

  var TEXT = {
    open: "Poser une question au CPAS",
    close: "Fermer la fenêtre de discussion",
    label: "Votre message",
    send: "Envoyer",
    hint: "Écrivez votre question, puis appuyez sur Entrée.",
    typing: "L'assistant écrit…",
    error: "Le service ne répond pas pour le moment. Réessayez dans un instant, ou appelez votre CPAS.",
    you: "Vous",
    bot: "Assistant",
    newWindow: " (nouvelle fenêtre)",
    accept: "J'ai compris",
    noticeTitle: "Avant de commencer",
    notice: [
      "Cet assistant répond aux questions sur l'aide du CPAS. Il ne décide rien : c'est le CPAS qui décide, " +
        "après une enquête sociale.",
      "Vos messages sont enregistrés pendant " + retentionDays + " jours pour que la conversation fonctionne et " +
        "pour améliorer le service ; seul " + reader + " peut les lire. Les numéros de téléphone, numéros " +
        "nationaux, IBAN et adresses e-mail sont masqués automatiquement.",
      "N'écrivez pas votre numéro national ni des détails sur votre santé. En cas d'urgence, appelez le 112."
    ]
  };

  // ----------------------------------------------------------------------------------------- session id
  function sessionId() {
    var id = null;
    try { id = window.sessionStorage.getItem(STORAGE_KEY); } catch (e) { /* storage blocked */ }
    if (!id) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = "web-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      try { window.sessionStorage.setItem(STORAGE_KEY, id); } catch (e) { /* a new id per page then */ }
    }
    return id;
  }

  function noticeAccepted() {
    try { return window.sessionStorage.getItem(NOTICE_KEY) === "1"; } catch (e) { return false; }
  }

  // ----------------------------------------------------------------------------------------- DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  var LINK = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|\b(?:[a-z0-9-]+\.)+(?:be|eu|org|com)(?:\/[^\s<>"']*[^\s<>"'.,;:!?)\]])?)/gi;

  // Text with line breaks and safe links; nothing from the bot is ever parsed as HTML.
  function richText(text) {
    var fragment = document.createDocumentFragment();
    String(text).split("\n").forEach(function (line, index) {
      if (index > 0) { fragment.appendChild(document.createElement("br")); }
      var last = 0;
      line.replace(LINK, function (match, _g, offset) {
        if (offset > last) { fragment.appendChild(document.createTextNode(line.slice(last, offset))); }
        var href;
        if (match.indexOf("@") > 0 && match.indexOf("/") < 0) { href = "mailto:" + match; }
        else if (/^https?:\/\//i.test(match)) { href = match; }
        else { href = "https://" + match; }
        var a = el("a", { href: href, rel: "noopener noreferrer", target: "_blank", text: match });
        if (href.indexOf("mailto:") !== 0) { a.appendChild(el("span", { "class": "cpasw-sr", text: TEXT.newWindow })); }
        fragment.appendChild(a);
        last = offset + match.length;
        return match;
      });
      if (last < line.length) { fragment.appendChild(document.createTextNode(line.slice(last))); }
    });
    return fragment;
  }

  // ----------------------------------------------------------------------------------------- styles
  var css = [
    ".cpasw-root{--cpasw-blue:#0b4f8a;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;",
    "font-size:1rem;line-height:1.45;color:#1b1b1b}",
    ".cpasw-root *{box-sizing:border-box}",
    ".cpasw-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    ".cpasw-launcher{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;background:var(--cpasw-blue);color:#fff;",
    "border:2px solid #fff;border-radius:2rem;padding:.75rem 1.2rem;font:inherit;font-weight:600;cursor:pointer;",
    "box-shadow:0 2px 8px rgba(0,0,0,.35);max-width:calc(100vw - 2rem)}",
    ".cpasw-launcher:hover{background:#083a66}",
    ".cpasw-root button:focus-visible,.cpasw-root input:focus-visible,.cpasw-root a:focus-visible{outline:3px solid #ffbf47;",
    "outline-offset:2px}",
    ".cpasw-panel{position:fixed;right:1rem;bottom:5rem;z-index:2147483001;width:24rem;max-width:calc(100vw - 2rem);",
    "height:36rem;max-height:calc(100vh - 6.5rem);background:#fff;border:1px solid #767676;border-radius:.5rem;",
    "display:flex;flex-direction:column;box-shadow:0 4px 18px rgba(0,0,0,.3)}",
    ".cpasw-panel[hidden]{display:none}",
    ".cpasw-head{display:flex;align-items:center;justify-content:space-between;gap:.5rem;padding:.5rem .75rem;",
    "background:var(--cpasw-blue);color:#fff;border-radius:.5rem .5rem 0 0}",
    ".cpasw-head h2{font-size:1.05rem;margin:0;color:#fff}",
    ".cpasw-close{background:transparent;color:#fff;border:1px solid #fff;border-radius:.3rem;font:inherit;",
    "padding:.2rem .55rem;cursor:pointer}",
    ".cpasw-log{flex:1;overflow-y:auto;padding:.75rem;display:flex;flex-direction:column;gap:.5rem}",
    ".cpasw-msg{max-width:88%;padding:.5rem .7rem;border-radius:.6rem;overflow-wrap:anywhere}",
    ".cpasw-msg a{color:#0b4f8a;text-decoration:underline}",
    ".cpasw-user{align-self:flex-end;background:#0b4f8a;color:#fff}.cpasw-user a{color:#fff}",
    ".cpasw-bot{align-self:flex-start;background:#eef1f4;color:#1b1b1b}",
    ".cpasw-who{font-weight:600}",
    ".cpasw-error{align-self:stretch;background:#fdecea;color:#7a1a12;border:1px solid #b3261e}",
    ".cpasw-replies{display:flex;flex-wrap:wrap;gap:.4rem;align-self:flex-start}",
    ".cpasw-reply{background:#fff;color:#0b4f8a;border:2px solid #0b4f8a;border-radius:1rem;padding:.3rem .7rem;",
    "font:inherit;cursor:pointer;text-align:left}",
    ".cpasw-reply:hover{background:#e6eef6}",
    ".cpasw-notice{border:1px solid #0b4f8a;background:#f3f7fb;border-radius:.4rem;padding:.6rem .75rem}",
    ".cpasw-notice h3{font-size:1rem;margin:0 0 .3rem}.cpasw-notice p{margin:.3rem 0}",
    ".cpasw-accept{background:#0b4f8a;color:#fff;border:0;border-radius:.3rem;padding:.4rem .8rem;font:inherit;cursor:pointer}",
    ".cpasw-typing{font-style:italic;color:#4a4a4a;padding:0 .75rem .25rem}",
    ".cpasw-form{display:flex;flex-wrap:wrap;gap:.4rem;padding:.6rem .75rem;border-top:1px solid #c8c8c8}",
    ".cpasw-form label{flex-basis:100%;font-weight:600;font-size:.95rem}",
    ".cpasw-form input{flex:1;min-width:0;font:inherit;padding:.45rem .5rem;border:1px solid #5f5f5f;border-radius:.3rem}",
    ".cpasw-form input:disabled{background:#f0f0f0}",
    ".cpasw-send{background:#0b4f8a;color:#fff;border:0;border-radius:.3rem;padding:.45rem .8rem;font:inherit;cursor:pointer}",
    ".cpasw-send:disabled{background:#6b6b6b;cursor:not-allowed}",
    ".cpasw-hint{flex-basis:100%;font-size:.85rem;color:#4a4a4a;margin:0}",
    "@media (max-width:480px){.cpasw-panel{right:.5rem;left:.5rem;width:auto;max-width:none;bottom:4.5rem;",
    "height:auto;top:.5rem;max-height:none}.cpasw-launcher{right:.5rem;bottom:.5rem}}"
  ].join("");

  // ----------------------------------------------------------------------------------------- build
  var root = el("div", { "class": "cpasw-root", lang: "fr" });
  var style = el("style", { text: css });
  var launcher = el("button", {
    type: "button", "class": "cpasw-launcher", "aria-expanded": "false", "aria-controls": "cpasw-panel",
    text: TEXT.open
  });
  var heading = el("h2", { id: "cpasw-title", text: title });
  var closeButton = el("button", { type: "button", "class": "cpasw-close", "aria-label": TEXT.close, text: "×" });
  var log = el("div", {
    "class": "cpasw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-labelledby": "cpasw-title",
    tabindex: "0"
  });
  var typing = el("p", { "class": "cpasw-typing", role: "status", "aria-live": "polite" });
  var input = el("input", {
    id: "cpasw-input", type: "text", autocomplete: "off", maxlength: "1000", "aria-describedby": "cpasw-hint"
  });
  var label = el("label", { "for": "cpasw-input", text: TEXT.label });
  var sendButton = el("button", { type: "submit", "class": "cpasw-send", text: TEXT.send });
  var hint = el("p", { id: "cpasw-hint", "class": "cpasw-hint", text: TEXT.hint });
  var form = el("form", { "class": "cpasw-form", novalidate: "novalidate" }, [label, input, sendButton, hint]);
  var panel = el("div", {
    id: "cpasw-panel", "class": "cpasw-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "cpasw-title",
    hidden: "hidden"
  }, [el("div", { "class": "cpasw-head" }, [heading, closeButton]), log, typing, form]);
  root.appendChild(style);
  root.appendChild(panel);
  root.appendChild(launcher);

  var busy = false;

  function setInputEnabled(enabled) {
    input.disabled = !enabled;
    sendButton.disabled = !enabled;
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function addMessage(who, text, kind) {
    var bubble = el("div", { "class": "cpasw-msg " + (kind || (who === TEXT.you ? "cpasw-user" : "cpasw-bot")) });
    bubble.appendChild(el("span", { "class": "cpasw-sr cpasw-who", text: who + " : " }));
    bubble.appendChild(richText(text));
    log.appendChild(bubble);
    scrollDown();
    return bubble;
  }

  function clearReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".cpasw-replies"), function (group) {
      group.parentNode.removeChild(group);
    });
  }

  function addReplies(buttons) {
    var group = el("div", { "class": "cpasw-replies", role: "group", "aria-label": "Réponses proposées" });
    buttons.forEach(function (button) {
      if (!button || typeof button.title !== "string") { return; }
      var payload = typeof button.payload === "string" && button.payload ? button.payload : button.title;
      var b = el("button", { type: "button", "class": "cpasw-reply", text: button.title });
      b.addEventListener("click", function () { send(payload, button.title); });
      group.appendChild(b);
    });
    if (group.childNodes.length) { log.appendChild(group); scrollDown(); }
  }

  function showBotMessages(messages) {
    if (!Array.isArray(messages)) { return; }
    messages.forEach(function (message) {
      if (message && typeof message.text === "string" && message.text) { addMessage(TEXT.bot, message.text); }
      if (message && typeof message.image === "string" && /^https:\/\//i.test(message.image)) {
        var img = el("img", { src: message.image, alt: "", style: "max-width:100%" });
        log.appendChild(img);
      }
      if (message && Array.isArray(message.buttons) && message.buttons.length) { addReplies(message.buttons); }
    });
  }

  function send(payload, shown) {
    if (busy) { return; }
    var text = String(payload || "").trim();
    if (!text) { input.focus(); return; }
    busy = true;
    clearReplies();
    addMessage(TEXT.you, shown || text);
    setInputEnabled(false);
    typing.textContent = TEXT.typing;
    var request = new XMLHttpRequest();
    request.open("POST", endpoint, true);
    request.setRequestHeader("Content-Type", "application/json");
    request.timeout = 30000;
    function done(ok, body) {
      busy = false;
      typing.textContent = "";
      if (ok) { showBotMessages(body); } else { addMessage(TEXT.bot, TEXT.error, "cpasw-msg cpasw-error"); }
      setInputEnabled(true);
      input.focus();
    }
    request.onload = function () {
      var body = null;
      try { body = JSON.parse(request.responseText || "[]"); } catch (e) { body = null; }
      done(request.status === 200 && Array.isArray(body), body);
    };
    request.onerror = function () { done(false); };
    request.ontimeout = function () { done(false); };
    request.send(JSON.stringify({ sender: sessionId(), message: text }));
  }

  function showNotice() {
    var accept = el("button", { type: "button", "class": "cpasw-accept", text: TEXT.accept });
    var notice = el("div", { "class": "cpasw-notice", role: "region", "aria-labelledby": "cpasw-notice-title" },
      [el("h3", { id: "cpasw-notice-title", text: TEXT.noticeTitle })]
        .concat(TEXT.notice.map(function (p) { return el("p", { text: p }); }))
        .concat([accept]));
    log.appendChild(notice);
    setInputEnabled(false);
    accept.addEventListener("click", function () {
      try { window.sessionStorage.setItem(NOTICE_KEY, "1"); } catch (e) { /* ignore */ }
      accept.parentNode.removeChild(accept);
      setInputEnabled(true);
      input.focus();
    });
    return accept;
  }

  var started = false;

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    if (!started) {
      started = true;
      if (!noticeAccepted()) { showNotice().focus(); return; }
    }
    if (input.disabled && log.querySelector(".cpasw-accept")) { log.querySelector(".cpasw-accept").focus(); }
    else { input.focus(); }
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") { event.preventDefault(); close(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
  });

  function mount() { document.body.appendChild(root); }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
}());
