/*
 * Assistant CPAS — chat widget for a commune's website. Plain JavaScript: no framework, no CDN, no build step.
 *
 * Embed it with one line (the script loads cpas-widget.css from its own folder and builds its own DOM):
 *   <script src="https://bot.example.be/widget/cpas-widget.js" data-server="https://bot.example.be" defer></script>
 *
 * Options (data- attributes of that script tag):
 *   data-server          the bot's address; its REST channel is <server>/webhooks/rest/webhook
 *                        [default: the address the script was loaded from]
 *   data-retention-days  how many days the conversations are kept, said in the privacy notice     [30]
 *   data-title           the panel's title                                                       ["Assistant CPAS"]
 *   data-cpas            who reads the conversations, said in the privacy notice                 ["le CPAS"]
 *
 * The commune's Content-Security-Policy must allow the bot's address in script-src, style-src, connect-src
 * and img-src. No 'unsafe-inline' is needed: the widget sets no inline style and runs no inline script.
 *
 * Accessibility (WCAG 2.1 AA): a real <button aria-expanded aria-controls> launcher; a non-modal dialog with
 * a heading; a role="log" aria-live="polite" transcript; a visible <label> for the input; Escape closes and
 * gives the focus back to the launcher; opening moves the focus to the input (to "J'ai compris" the first
 * time); visible focus; reflow at 320 px and 200 % zoom; French strings and lang="fr".
 * Safety: nothing from the bot is ever parsed as HTML. Text is added with textContent, line breaks become
 * <br>, and http(s) addresses, e-mail addresses and Belgian phone numbers become links built as DOM nodes
 * (only http, https, mailto and tel). Images only from https or from the bot's own server.
 * Privacy: the conversation id is random, kept in sessionStorage only (no cookie, no localStorage).
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[src*='cpas-widget.js']");
  if (!script || window.__cpasWidgetLoaded) { return; }
  window.__cpasWidgetLoaded = true;

  // ------------------------------------------------------------------------------------------ settings
  var scriptUrl = new URL(script.src || window.location.href, window.location.href);
  var server;
  try {
    server = new URL(script.getAttribute("data-server") || scriptUrl.origin, window.location.href);
  } catch (e) { server = null; }
  if (!server || (server.protocol !== "https:" && server.protocol !== "http:")) {
    if (window.console) { window.console.error("Assistant CPAS : data-server doit être une adresse http(s)."); }
    return;
  }
  var serverBase = server.href.replace(/\/+$/, "") + "/";
  var endpoint = new URL("webhooks/rest/webhook", serverBase).href;
  var days = parseInt(script.getAttribute("data-retention-days") || "", 10);
  var retentionDays = days > 0 && days < 10000 ? days : 30;
  var title = script.getAttribute("data-title") || "Assistant CPAS";
  var reader = script.getAttribute("data-cpas") || "le CPAS";
  var SESSION_KEY = "cpas-widget-session";
  var NOTICE_KEY = "cpas-widget-notice-accepted";
  var TIMEOUT_MS = 30000;

  var TEXT = {
    open: "Poser une question au CPAS",
    close: "Fermer",
    closeLong: "Fermer l'assistant",
    conversation: "Conversation avec l'assistant",
    label: "Votre question",
    send: "Envoyer",
    typing: "L'assistant écrit…",
    error: "Le service ne répond pas pour le moment. Réessayez ou appelez votre CPAS.",
    empty: "Je n'ai pas de réponse à cela. Écrivez votre question autrement, ou appelez votre CPAS.",
    you: "Vous : ",
    bot: "Assistant : ",
    replies: "Réponses proposées",
    newWindow: " (nouvelle fenêtre)",
    image: "Image envoyée par l'assistant",
    accept: "J'ai compris",
    noticeTitle: "Avant de commencer",
    notice: [
      "Cet assistant explique les aides du CPAS. Il ne décide rien : c'est le CPAS qui décide, après " +
        "un entretien avec vous.",
      "Vos messages sont gardés " + retentionDays + (retentionDays > 1 ? " jours" : " jour") + ", puis effacés. " +
        "Les numéros de registre national, les numéros de compte (IBAN), les adresses e-mail et les numéros " +
        "de téléphone sont masqués automatiquement.",
      "Ils sont lus uniquement par " + reader + ", pour améliorer le service.",
      "N'écrivez pas votre numéro de registre national ni de détails sur votre santé."
    ]
  };

  // ------------------------------------------------------------------------------------------ session id
  var currentId = null;

  function randomId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") { return c.randomUUID(); }
    var bytes = new Uint8Array(16);
    c.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function storageGet(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }

  function storageSet(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* blocked: kept in memory for this page */ }
  }

  function sessionId() {
    if (!currentId) {
      var stored = storageGet(SESSION_KEY);
      currentId = stored && /^web-[0-9a-f-]{36}$/.test(stored) ? stored : "web-" + randomId();
      storageSet(SESSION_KEY, currentId);
    }
    return currentId;
  }

  // ------------------------------------------------------------------------------------------ DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  // An http(s) address, an e-mail address, or a Belgian phone number (0x/xxx.xx.xx, 0800 32 123, +32 ...).
  var TOKEN = new RegExp(
    "(https?:\\/\\/[^\\s<>\"'«»]+)" +
    "|([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})" +
    "|((?:\\+32[ .\\/]?|\\b0)\\d{1,3}(?:[ .\\/]\\d{2,3}){2,3})(?![\\d,])", "g");
  var TRAILING = /[.,;:!?)\]}'"»]+$/;

  function linkFor(match, url, mail, phone) {
    var href;
    var text = match;
    var extra = "";
    if (url) {
      extra = match.match(TRAILING) ? match.match(TRAILING)[0] : "";
      if (match.indexOf("(") >= 0) { extra = extra.replace(/^\)+/, ""); }   // "https://x.be/a_(b)" keeps its ")"
      text = match.slice(0, match.length - extra.length);
      try {
        var parsed = new URL(text);
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") { return null; }
        href = parsed.href;
      } catch (e) { return null; }
    } else if (mail) {
      href = "mailto:" + mail;
    } else if (phone) {
      var digits = phone.replace(/[^\d+]/g, "");
      var national = digits.charAt(0) === "+" ? "0" + digits.slice(3) : digits;
      if (national.length < 9 || national.length > 10) { return null; }
      href = "tel:+32" + national.slice(1);
    }
    if (!href) { return null; }
    var a = el("a", { href: href, text: text });
    if (url) {
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer");
      a.appendChild(el("span", { "class": "cpasw-sr", text: TEXT.newWindow }));
    }
    return { node: a, rest: extra };
  }

  // The bot's text as DOM nodes: text, <br> for line breaks, safe links. Never parsed as HTML.
  function richText(text) {
    var fragment = document.createDocumentFragment();
    String(text).split(/\r\n|\r|\n/).forEach(function (line, index) {
      if (index > 0) { fragment.appendChild(el("br")); }
      var last = 0;
      var match;
      TOKEN.lastIndex = 0;
      while ((match = TOKEN.exec(line)) !== null) {
        var link = linkFor(match[0], match[1], match[2], match[3]);
        if (!link) { continue; }
        if (match.index > last) { fragment.appendChild(document.createTextNode(line.slice(last, match.index))); }
        fragment.appendChild(link.node);
        if (link.rest) { fragment.appendChild(document.createTextNode(link.rest)); }
        last = match.index + match[0].length;
      }
      if (last < line.length) { fragment.appendChild(document.createTextNode(line.slice(last))); }
    });
    return fragment;
  }

  // An image from the bot: https, or a relative address on the bot's own server.
  function safeImage(src) {
    if (typeof src !== "string" || !src.trim()) { return null; }
    src = src.trim();
    var relative = !/^[a-z][a-z0-9+.-]*:/i.test(src) && src.indexOf("//") !== 0;
    try {
      var url = new URL(src, serverBase);
      if (url.protocol === "https:" || (relative && url.origin === server.origin)) { return url.href; }
    } catch (e) { /* refused */ }
    return null;
  }

  // ------------------------------------------------------------------------------------------ build
  var root = el("div", { "class": "cpasw-root", lang: "fr", hidden: "hidden" });
  var launcher = el("button", {
    type: "button", "class": "cpasw-launcher", "aria-expanded": "false", "aria-controls": "cpasw-panel",
    text: TEXT.open
  });
  var heading = el("h2", { id: "cpasw-title", text: title });
  var closeButton = el("button", { type: "button", "class": "cpasw-close", "aria-label": TEXT.closeLong }, [
    document.createTextNode(TEXT.close), el("span", { "aria-hidden": "true", text: " ×" })
  ]);
  var accept = el("button", {
    type: "button", "class": "cpasw-accept", "aria-describedby": "cpasw-notice-title cpasw-notice-text",
    text: TEXT.accept
  });
  var notice = el("section", { "class": "cpasw-notice", "aria-labelledby": "cpasw-notice-title" }, [
    el("h3", { id: "cpasw-notice-title", text: TEXT.noticeTitle }),
    el("ul", { id: "cpasw-notice-text" }, TEXT.notice.map(function (line) { return el("li", { text: line }); })),
    accept
  ]);
  var log = el("div", {
    id: "cpasw-log", "class": "cpasw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "aria-label": TEXT.conversation, tabindex: "0"
  }, [notice]);
  var typing = el("p", { "class": "cpasw-typing", role: "status", "aria-live": "polite" });
  var label = el("label", { "for": "cpasw-input", text: TEXT.label });
  var input = el("input", {
    id: "cpasw-input", "class": "cpasw-input", type: "text", name: "message", autocomplete: "off",
    maxlength: "1000", enterkeyhint: "send"
  });
  var sendButton = el("button", { type: "submit", "class": "cpasw-send", text: TEXT.send });
  var form = el("form", { "class": "cpasw-form", novalidate: "novalidate" }, [label, input, sendButton]);
  var panel = el("div", {
    id: "cpasw-panel", "class": "cpasw-panel", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "cpasw-title", hidden: "hidden"
  }, [el("div", { "class": "cpasw-head" }, [heading, closeButton]), log, typing, form]);
  root.appendChild(launcher);   // before the panel: Tab goes from the launcher into the panel it opens
  root.appendChild(panel);

  // ------------------------------------------------------------------------------------------ behaviour
  var busy = false;
  var lastButtons = null;

  function noticeAccepted() { return storageGet(NOTICE_KEY) === "1" || !accept.parentNode; }

  function setBusy(value) {
    busy = value;
    sendButton.setAttribute("aria-disabled", value ? "true" : "false");
    typing.textContent = value ? TEXT.typing : "";
  }

  function setInputEnabled(enabled) {
    input.disabled = !enabled;
    sendButton.disabled = !enabled;
  }

  function show(node) {
    // The start of a new answer is scrolled into view (a long answer is read from its beginning).
    log.scrollTop = Math.max(0, node.offsetTop - 8);
  }

  function addMessage(kind, text) {
    var bubble = el("div", { "class": "cpasw-msg cpasw-" + kind }, [
      el("span", { "class": "cpasw-sr", text: kind === "user" ? TEXT.you : TEXT.bot })
    ]);
    if (kind === "user") { bubble.appendChild(document.createTextNode(text)); } else { bubble.appendChild(richText(text)); }
    log.appendChild(bubble);
    return bubble;
  }

  function clearReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".cpasw-replies"), function (group) {
      Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) { b.disabled = true; });
      group.parentNode.removeChild(group);
    });
  }

  function addReplies(buttons) {
    var group = el("div", { "class": "cpasw-replies", role: "group", "aria-label": TEXT.replies });
    buttons.forEach(function (button) {
      if (!button || typeof button.title !== "string" || !button.title.trim()) { return; }
      var payload = typeof button.payload === "string" && button.payload.trim() ? button.payload : button.title;
      var b = el("button", { type: "button", "class": "cpasw-reply", text: button.title });
      b.addEventListener("click", function () {
        if (busy) { return; }
        input.focus();     // the buttons are removed when the message leaves: the focus stays in the form
        send(payload, button.title);
      });
      group.appendChild(b);
    });
    if (group.childNodes.length) { log.appendChild(group); lastButtons = buttons; }
    return group.childNodes.length ? group : null;
  }

  function showBotMessages(messages) {
    var first = null;
    lastButtons = null;
    messages.forEach(function (message) {
      if (!message || typeof message !== "object") { return; }
      var bubble = null;
      var text = typeof message.text === "string" ? message.text : null;
      if (text === null && message.custom && typeof message.custom.text === "string") { text = message.custom.text; }
      if (text && text.trim()) { bubble = addMessage("bot", text); }
      var src = safeImage(message.image);
      if (src) {
        if (!bubble) { bubble = addMessage("bot", ""); }
        var alt = typeof message.alt === "string" && message.alt.trim() ? message.alt : TEXT.image;
        bubble.appendChild(el("img", { "class": "cpasw-img", src: src, alt: alt }));
      }
      first = first || bubble;
      if (Array.isArray(message.buttons) && message.buttons.length) {
        var group = addReplies(message.buttons);
        first = first || group;
      }
    });
    if (!first) { first = addMessage("bot", TEXT.empty); }
    show(first);
  }

  function showError(retryButtons) {
    var bubble = addMessage("error", TEXT.error);
    if (retryButtons) { addReplies(retryButtons); }
    show(bubble);
  }

  function post(text, done) {
    var finished = false;
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = window.setTimeout(function () {
      if (controller) { controller.abort(); }
      finish(false);
    }, TIMEOUT_MS);
    function finish(ok, body) {
      if (finished) { return; }
      finished = true;
      window.clearTimeout(timer);
      done(ok, body);
    }
    window.fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sessionId(), message: text }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (response.status !== 200) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (body) {
      finish(Array.isArray(body), body);
    }).catch(function () { finish(false); });
  }

  // Sends a message (typed, or a quick reply's payload shown as its title). Returns false when busy.
  function send(message, shown) {
    if (busy || input.disabled) { return false; }
    var text = String(message || "").trim();
    if (!text) { input.focus(); return false; }
    var previousButtons = lastButtons;
    clearReplies();
    addMessage("user", shown || text);
    setBusy(true);
    post(text, function (ok, body) {
      setBusy(false);
      if (ok) { showBotMessages(body); } else {
        showError(previousButtons);
        if (!shown && !input.value) { input.value = text; }   // typed text back in the field, to try again
      }
    });
    return true;
  }

  function acknowledge() {
    storageSet(NOTICE_KEY, "1");
    if (accept.parentNode) { accept.parentNode.removeChild(accept); }
    setInputEnabled(true);
    input.focus();
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    if (noticeAccepted()) {
      if (accept.parentNode) { accept.parentNode.removeChild(accept); }
      setInputEnabled(true);
      input.focus();
    } else {
      setInputEnabled(false);
      accept.focus();
    }
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  setInputEnabled(false);
  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  closeButton.addEventListener("click", close);
  accept.addEventListener("click", acknowledge);
  root.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (send(input.value)) { input.value = ""; }
  });

  // ------------------------------------------------------------------------------------------ mount
  // The styles come from cpas-widget.css next to this script; the widget shows once they are there
  // (or, if they cannot be loaded, unstyled but usable).
  var stylesheet = el("link", { rel: "stylesheet", href: new URL("cpas-widget.css", scriptUrl).href });
  var shown = false;
  function reveal() { if (!shown) { shown = true; root.hidden = false; } }
  stylesheet.addEventListener("load", reveal);
  stylesheet.addEventListener("error", reveal);
  window.setTimeout(reveal, 5000);

  function mount() {
    (document.head || document.documentElement).appendChild(stylesheet);
    document.body.appendChild(root);
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
}());
