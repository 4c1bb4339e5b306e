/*
 * Housing guide chat widget. Embed with one element and one script tag:
 *
 *   <div id="housing-chat" data-lang="fi"></div>
 *   <script src="https://<action server>/widget/housing-chat.js"
 *           data-rasa-url="https://<rasa server>" defer></script>
 *
 * It talks to Rasa's REST channel; its own interface text, the glossary and the feedback live on
 * the action server that serves this file. Open a page with `?orientation=ar,fi` for an
 * orientation session: large text and every answer in two languages side by side.
 *
 * Safety: nothing from any message is ever parsed as HTML. Messages become DOM nodes built with
 * createElement and textContent, from a small Markdown subset; only http(s), mailto and tel
 * links are made.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const SERVER = (script && script.dataset.server) || new URL(script.src, location.href).origin;
  const RASA = ((script && script.dataset.rasaUrl) || "").replace(/\/$/, "");
  const LANGUAGES = ["fi", "en", "ar"];
  const STORAGE_KEY = "housing-chat:v1";
  const MAX_LENGTH = 2000;
  const STARTERS = [
    ["start_rent_arrears", "/rent_arrears"],
    ["start_deposit", "/deposit"],
    ["start_housing_allowance", "/housing_allowance"],
    ["start_newcomer", "/newcomer_housing"],
    ["start_debt_collection", "/debt_collection"],
  ];
  const SAFE_LINK = /^(https?:\/\/|mailto:|tel:)/i;
  // Bold, italic, [label](url), a bare URL, an e-mail address, a run of digits isolated with
  // U+2066...U+2069 (content/ar keeps numbers in their own order that way) and a Finnish phone
  // number (or 112), which becomes a tel: link.
  const INLINE =
    /\*\*(.+?)\*\*|\*(?!\s)([^*]+?)\*|\[([^\]]+)\]\(([^)\s]+)\)|((?:https?:\/\/|www\.)[^\s<>()]*[^\s<>().,;:!?'"])|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|\u2066([^\u2069]*)\u2069|((?<![\w+.,])(?:\+358[ \u00a0]?\d{1,3}|0\d{1,3})(?:[ \u00a0]?\d{2,4}){1,3}(?![\w.,]\d)|(?<![\w.,])112(?![\w.,]\d|\d))/g;

  /* ---------- small DOM helpers ---------- */

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function directionOf(language) {
    return language === "ar" ? "rtl" : "ltr";
  }

  function newSender() {
    if (window.crypto && crypto.randomUUID) return "web-" + crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /* ---------- glossary highlighting (orientation sessions) ---------- */

  class TermMarker {
    /** Finds glossary terms by the word-start stems of their inflected forms; longest wins. */
    constructor(terms) {
      this.byStem = new Map();
      for (const term of terms) for (const stem of term.match) this.byStem.set(stem, term);
      const stems = [...this.byStem.keys()].sort((a, b) => b.length - a.length);
      const escaped = stems.map((stem) => stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      this.pattern = stems.length
        ? new RegExp(`(?<![\\p{L}\\p{M}])(${escaped.join("|")})(?:[\\p{L}\\p{M}-]|:(?=\\p{L}))*`, "giu")
        : null;
      this.found = new Map();
    }

    /** Append `text` to `parent`, with every glossary term wrapped in <mark>. */
    append(parent, text) {
      if (!this.pattern) return parent.append(text);
      let last = 0;
      for (const match of text.matchAll(this.pattern)) {
        const term = this.byStem.get(match[1].toLowerCase());
        parent.append(text.slice(last, match.index));
        parent.append(el("mark", { className: "hc-term", lang: "fi", text: match[0] }));
        this.found.set(term.fi, term);
        last = match.index + match[0].length;
      }
      parent.append(text.slice(last));
    }
  }

  const plainText = { append: (parent, text) => parent.append(text) };

  /* ---------- Markdown subset -> DOM ---------- */

  function appendInline(parent, text, marker, labels) {
    let last = 0;
    for (const match of text.matchAll(INLINE)) {
      marker.append(parent, text.slice(last, match.index));
      const [whole, bold, italic, label, target, bare, email, isolated, phone] = match;
      if (bold !== undefined) appendInline(parent.appendChild(el("strong")), bold, marker, labels);
      else if (isolated !== undefined) appendInline(parent.appendChild(el("bdi", { dir: "ltr" })), isolated, marker, labels);
      else if (phone !== undefined) parent.append(link(`tel:${phone.replace(/[^\d+]/g, "")}`, phone, labels));
      else if (italic !== undefined) appendInline(parent.appendChild(el("em")), italic, marker, labels);
      else if (label !== undefined && SAFE_LINK.test(target)) parent.append(link(target, label, labels));
      else if (label !== undefined) marker.append(parent, whole);
      else if (email !== undefined) parent.append(link(`mailto:${email}`, email, labels, "ltr"));
      else parent.append(link(/^www\./i.test(bare) ? `https://${bare}` : bare, bare, labels, "ltr"));
      last = match.index + whole.length;
    }
    marker.append(parent, text.slice(last));
  }

  /** A safe link; `dir` "ltr" for an address or number shown as itself (it reads left to right
   *  inside Arabic too: a URL ending in "/" or a phone number would otherwise be reordered). */
  function link(href, label, labels = strings, dir = null) {
    if (!SAFE_LINK.test(href)) return el("span", { text: label });
    const external = /^https?:/i.test(href);
    const anchor = el("a", { href, rel: external ? "noopener noreferrer" : null, dir: /^tel:/i.test(href) ? "ltr" : dir });
    anchor.textContent = label;
    if (external) {
      anchor.target = "_blank";
      anchor.append(el("span", { className: "hc-sr", text: ` (${labels.new_window})` }));
    }
    return anchor;
  }

  function renderMarkdown(text, marker, labels = strings) {
    const fragment = document.createDocumentFragment();
    let paragraph = null;
    let list = null;
    const close = () => {
      paragraph = null;
      list = null;
    };
    for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      if (!line.trim()) {
        close();
      } else if (heading) {
        close();
        appendInline(fragment.appendChild(el("h4", { className: "hc-h" })), heading[1], marker, labels);
      } else if (bullet || numbered) {
        const tag = bullet ? "ul" : "ol";
        if (!list || list.tagName.toLowerCase() !== tag) {
          paragraph = null;
          list = fragment.appendChild(el(tag));
        }
        appendInline(list.appendChild(el("li")), (bullet || numbered)[1], marker, labels);
      } else if (paragraph) {
        paragraph.append(el("br"));
        appendInline(paragraph, line, marker, labels);
      } else {
        list = null;
        paragraph = fragment.appendChild(el("p"));
        appendInline(paragraph, line, marker, labels);
      }
    }
    return fragment;
  }

  /* ---------- state ---------- */

  const root = document.getElementById("housing-chat");
  if (!root) return;
  const params = new URLSearchParams(location.search);
  const orientation = params.has("orientation");
  const [askedPrimary, askedCompanion] = (params.get("orientation") || "").split(/[,\s-]/);
  const saved = loadState();
  const state = {
    sender: saved.sender || newSender(),
    lang: pick(saved.lang, orientation && askedPrimary, root.dataset.lang, document.documentElement.lang, "fi"),
    entries: saved.entries || [],
    feedback: saved.feedback || {},
    companion: null,
  };
  if (orientation) {
    state.companion = pick(saved.companion, askedCompanion, state.lang === "fi" ? "ar" : "fi");
    if (state.companion === state.lang) state.companion = state.lang === "fi" ? "ar" : "fi";
  }
  let strings = {};
  const stringCache = {};
  let glossary = [];
  let queue = Promise.resolve();

  function pick(...candidates) {
    return candidates.find((code) => LANGUAGES.includes(code));
  }

  function loadState() {
    try {
      return JSON.parse(sessionStorage.getItem(STORAGE_KEY)) || {};
    } catch (error) {
      return {};
    }
  }

  function saveState() {
    const { sender, lang, entries, feedback, companion } = state;
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ sender, lang, entries, feedback, companion }));
    } catch (error) {
      /* storage full or disabled: the conversation still works, it just won't survive a reload */
    }
  }

  async function loadStrings(language) {
    if (!stringCache[language]) {
      const response = await fetch(`${SERVER}/widget/strings/${language}`);
      if (!response.ok) throw new Error(`strings ${response.status}`);
      stringCache[language] = await response.json();
    }
    return stringCache[language];
  }

  /* ---------- the frame ---------- */

  const ui = {};

  function buildFrame() {
    root.classList.add("hc");
    if (orientation) root.classList.add("hc--orientation");
    ui.title = el("h2", { className: "hc-title", id: "hc-title" });
    // Read out by screen readers as the group's name; the buttons speak for themselves visually.
    ui.languageLabel = el("span", { id: "hc-language-label", className: "hc-sr" });
    ui.languageButtons = LANGUAGES.map((code) =>
      el("button", {
        type: "button",
        className: "hc-lang",
        lang: code,
        dir: directionOf(code),
        "data-lang": code,
        onclick: () => chooseLanguage(code),
      })
    );
    ui.counsellor = el("button", {
      type: "button",
      className: "hc-counsellor",
      onclick: () => send("/human_handoff", strings.counsellor),
    });
    ui.forget = el("button", { type: "button", className: "hc-forget", onclick: forget });
    const languages = el(
      "div",
      { className: "hc-langs", role: "group", "aria-labelledby": "hc-language-label" },
      ui.languageLabel,
      ...ui.languageButtons
    );
    const bar = el("div", { className: "hc-bar" }, ui.title, languages);
    const actions = el("div", { className: "hc-actions" }, ui.counsellor, ui.forget);
    if (orientation) {
      ui.companionLabel = el("label", { for: "hc-companion", className: "hc-label" });
      ui.companion = el("select", { id: "hc-companion", onchange: () => chooseCompanion(ui.companion.value) });
      ui.orientationNote = el("p", { className: "hc-orientation-note" });
      actions.append(el("div", { className: "hc-companion" }, ui.companionLabel, ui.companion));
    }
    ui.log = el("div", { className: "hc-log", role: "log", "aria-live": "polite", tabindex: "0" });
    ui.typing = el("p", { className: "hc-typing", role: "status" });
    ui.input = el("textarea", {
      id: "hc-input",
      rows: "2",
      maxlength: String(MAX_LENGTH),
      "aria-describedby": "hc-hint",
      onkeydown: (event) => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          ui.form.requestSubmit();
        }
      },
    });
    ui.inputLabel = el("label", { for: "hc-input", className: "hc-label" });
    ui.hint = el("p", { id: "hc-hint", className: "hc-hint" });
    ui.send = el("button", { type: "submit", className: "hc-send" });
    ui.form = el(
      "form",
      { className: "hc-form", onsubmit: onSubmit },
      ui.inputLabel,
      el("div", { className: "hc-input-row" }, ui.input, ui.send),
      ui.hint
    );
    ui.privacy = el("p", { className: "hc-privacy" });
    const panel = el(
      "section",
      { className: "hc-panel", "aria-labelledby": "hc-title" },
      bar,
      ui.orientationNote,
      actions,
      ui.log,
      ui.typing,
      ui.form,
      ui.privacy
    );
    root.replaceChildren(panel);
  }

  function labelFrame() {
    root.lang = state.lang;
    root.dir = strings.dir;
    ui.title.textContent = strings.title;
    ui.languageLabel.textContent = strings.language_label;
    for (const button of ui.languageButtons) {
      const code = button.dataset.lang;
      button.textContent = strings.languages[code];
      button.setAttribute("aria-pressed", String(code === state.lang));
    }
    ui.counsellor.textContent = strings.counsellor;
    ui.forget.textContent = strings.forget;
    ui.log.setAttribute("aria-label", strings.log_label);
    ui.inputLabel.textContent = strings.input_label;
    ui.hint.textContent = strings.input_hint;
    ui.send.textContent = strings.send;
    ui.privacy.textContent = strings.privacy_note;
    if (orientation) {
      ui.orientationNote.textContent = strings.orientation;
      ui.companionLabel.textContent = strings.companion_label;
      ui.companion.replaceChildren(
        ...LANGUAGES.filter((code) => code !== state.lang).map((code) =>
          el("option", { value: code, lang: code, selected: code === state.companion }, strings.languages[code])
        )
      );
    }
    if (ui.typing.textContent) ui.typing.textContent = strings.typing;
  }

  /* ---------- rendering the conversation ---------- */

  function renderAll() {
    ui.log.replaceChildren();
    if (!state.entries.length) ui.log.append(welcome());
    state.entries.forEach((entry, index) => ui.log.append(renderEntry(entry, index)));
    scrollToEnd();
  }

  function welcome() {
    const buttons = STARTERS.map(([key, payload]) =>
      el("button", { type: "button", className: "hc-quick-button", onclick: () => send(payload, strings[key]) }, strings[key])
    );
    return el(
      "div",
      { className: "hc-turn hc-bot hc-welcome", lang: state.lang, dir: strings.dir },
      el("div", { className: "hc-bubble" }, renderMarkdown(strings.welcome, plainText)),
      el("div", { className: "hc-quick", role: "group", "aria-label": strings.title }, ...buttons)
    );
  }

  function renderEntry(entry, index) {
    if (entry.kind === "user") {
      return el(
        "div",
        { className: "hc-turn hc-user" },
        el("span", { className: "hc-sr", text: strings.you + ": " }),
        el("p", { className: "hc-bubble", dir: "auto", text: entry.text })
      );
    }
    return renderBotTurn(entry, index);
  }

  function renderBotTurn(entry, index) {
    // Each action of a turn sends its own companion payload; together they are the second column.
    const companions = entry.messages.map((m) => m.custom).filter((c) => c && c.type === "companion");
    const companion = companions.length
      ? { lang: companions[0].lang, messages: companions.flatMap((c) => c.messages) }
      : null;
    const own = entry.messages.filter((m) => !(m.custom && ["companion", "language"].includes(m.custom.type)));
    const turn = el("div", { className: "hc-turn hc-bot" }, el("span", { className: "hc-sr", text: strings.guide + ": " }));
    if (!orientation || !companion) {
      turn.append(renderColumn(own, entry.lang, index, true, plainText));
      return turn;
    }
    const marker = new TermMarker(glossary);
    turn.classList.add("hc-pair");
    turn.append(
      renderColumn(own, entry.lang, index, true, marker),
      renderColumn(companion.messages, companion.lang, index, false, marker)
    );
    const explainIn = entry.lang !== "fi" ? entry.lang : companion.lang;
    if (marker.found.size && explainIn !== "fi") turn.append(glossaryList(marker.found, explainIn));
    return turn;
  }

  function renderColumn(messages, language, index, interactive, marker) {
    const column = el("div", { className: "hc-col", lang: language, dir: directionOf(language) });
    // Labels on cards follow the column's language, so each reader sees one language.
    const labels = stringCache[language] || strings;
    // An answer's card goes between its text and its buttons, where a reader expects it.
    const ordered = [];
    for (let i = 0; i < messages.length; i += 1) {
      const message = messages[i];
      const next = messages[i + 1];
      const cardFollows = next && !next.text && next.custom && next.custom.type === "article";
      if (message.buttons && cardFollows) {
        ordered.push({ text: message.text }, next, { buttons: message.buttons });
        i += 1;
      } else ordered.push(message);
    }
    // Rasa sends each paragraph as its own message; one answer reads best as one bubble.
    let bubble = null;
    for (const message of ordered) {
      if (message.text && bubble) bubble.append(renderMarkdown(message.text, marker, labels));
      else if (message.text) bubble = column.appendChild(el("div", { className: "hc-bubble" }, renderMarkdown(message.text, marker, labels)));
      if (message.custom || message.buttons) bubble = null;
      if (message.custom && message.custom.type === "article") column.append(articleCard(message.custom, index, interactive, labels));
      if (message.custom && message.custom.type === "ticket") column.append(ticketCard(message.custom, labels));
      if (message.buttons && message.buttons.length && interactive) column.append(quickReplies(message.buttons, index));
    }
    return column;
  }

  function quickReplies(buttons, index) {
    const answered = index < state.entries.length - 1;
    const group = el("div", { className: "hc-quick", role: "group" });
    for (const button of buttons) {
      group.append(
        el(
          "button",
          {
            type: "button",
            className: "hc-quick-button",
            disabled: answered,
            dir: "auto",
            onclick: () => send(button.payload, button.title),
          },
          button.title
        )
      );
    }
    return group;
  }

  function articleCard(article, index, interactive, labels) {
    const reviewed = new Date(article.reviewed + "T12:00:00Z");
    const date = new Intl.DateTimeFormat(article.lang, { dateStyle: "long" }).format(reviewed);
    const sources = el("ul", { className: "hc-sources" });
    for (const source of article.sources || []) sources.append(el("li", {}, link(source.url, source.title, labels)));
    const card = el(
      "section",
      { className: "hc-card", lang: article.lang, dir: article.dir, "aria-label": article.title },
      el("h3", { className: "hc-card-title", text: article.title }),
      el("p", { className: "hc-meta" }, el("time", { datetime: article.reviewed, text: labels.reviewed.replace("{date}", date) })),
      el("p", { className: "hc-sources-title", text: labels.sources }),
      sources
    );
    if (interactive) card.append(feedbackControl(article, index));
    return card;
  }

  function feedbackControl(article, index) {
    const key = `${index}:${article.topic}:${article.lang}`;
    const status = el("p", { className: "hc-feedback-status", role: "status" });
    const group = el("div", { className: "hc-feedback", role: "group", "aria-labelledby": `hc-fb-${index}` });
    if (state.feedback[key]) {
      status.textContent = strings.feedback_thanks;
      return el("div", {}, status);
    }
    const question = el("p", { id: `hc-fb-${index}`, className: "hc-feedback-question", text: strings.helpful_question });
    const answer = async (helpful) => {
      for (const button of group.querySelectorAll("button")) button.disabled = true;
      try {
        const response = await fetch(`${SERVER}/feedback`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ topic: article.topic, language: article.lang, helpful, orientation_session: orientation }),
        });
        if (!response.ok) throw new Error(String(response.status));
        state.feedback[key] = helpful ? "yes" : "no";
        saveState();
        status.textContent = strings.feedback_thanks;
        group.remove();
      } catch (error) {
        status.textContent = strings.feedback_failed;
        for (const button of group.querySelectorAll("button")) button.disabled = false;
      }
    };
    group.append(
      question,
      el("button", { type: "button", className: "hc-small", onclick: () => answer(true) }, strings.helpful_yes),
      el("button", { type: "button", className: "hc-small", onclick: () => answer(false) }, strings.helpful_no)
    );
    return el("div", {}, group, status);
  }

  function ticketCard(ticket, labels) {
    return el(
      "p",
      { className: "hc-card hc-ticket", lang: ticket.lang, dir: ticket.dir },
      el("span", { text: labels.ticket_reference + " " }),
      el("strong", { className: "hc-reference", dir: "ltr", text: ticket.reference })
    );
  }

  function glossaryList(found, language) {
    const list = el("dl", { className: "hc-glossary-list" });
    for (const term of found.values()) {
      list.append(el("dt", { lang: "fi", dir: "ltr", text: term.fi }), el("dd", { lang: language, dir: directionOf(language), text: term[language] }));
    }
    return el(
      "section",
      { className: "hc-glossary", "aria-label": strings.glossary_title },
      el("h3", { className: "hc-glossary-title", text: strings.glossary_title }),
      list
    );
  }

  /** On a phone the log is part of the page (no inner scroll box): the page scrolls instead. */
  function logScrolls() {
    return getComputedStyle(ui.log).overflowY !== "visible";
  }

  function scrollToEnd() {
    if (logScrolls()) ui.log.scrollTop = ui.log.scrollHeight;
    else ui.form.scrollIntoView({ block: "end" });
  }

  /** A message from the widget itself (not the bot), e.g. when the bot cannot be reached. */
  function addNotice(text) {
    ui.log.append(el("div", { className: "hc-turn hc-notice" }, el("p", { text })));
    scrollToEnd();
  }

  function addEntry(entry) {
    if (!state.entries.length) ui.log.replaceChildren();
    state.entries.push(entry);
    saveState();
    // Earlier quick replies are answered once anything new arrives.
    for (const button of ui.log.querySelectorAll(".hc-quick-button")) button.disabled = true;
    const rendered = ui.log.appendChild(renderEntry(entry, state.entries.length - 1));
    // An answer is read from its beginning; long ones must not open scrolled to their end.
    if (entry.kind === "bot" && logScrolls()) ui.log.scrollTop = rendered.offsetTop - 8;
    else if (entry.kind === "bot") rendered.scrollIntoView({ block: "start" });
    else scrollToEnd();
  }

  /* ---------- talking to Rasa ---------- */

  function metadata() {
    const data = { language: state.lang };
    if (orientation) data.companion_language = state.companion;
    return data;
  }

  async function post(message) {
    const response = await fetch(`${RASA}/webhooks/rest/webhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message, metadata: metadata() }),
    });
    if (!response.ok) throw new Error(`rasa ${response.status}`);
    return response.json();
  }

  function send(message, shown) {
    queue = queue.then(() => exchange(message, shown));
    ui.input.focus();
    return queue;
  }

  async function exchange(message, shown) {
    addEntry({ kind: "user", text: shown || message });
    setTyping(true);
    try {
      const messages = await post(message);
      const marker = messages.map((m) => m.custom).find((c) => c && c.type === "language");
      if (marker && marker.lang !== state.lang) await applyLanguage(marker.lang);
      if (!messages.length) throw new Error("no answer");
      addEntry({ kind: "bot", lang: state.lang, messages });
    } catch (error) {
      addNotice(strings.unreachable);
      return false;
    } finally {
      setTyping(false);
    }
    return true;
  }

  function setTyping(on) {
    ui.typing.textContent = on ? strings.typing : "";
    ui.typing.classList.toggle("hc-typing--on", on);
  }

  async function onSubmit(event) {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text) return;
    if (text.length > MAX_LENGTH) {
      addNotice(strings.too_long);
      return;
    }
    ui.input.value = "";
    const delivered = await send(text);
    if (!delivered && !ui.input.value) ui.input.value = text; // nothing typed is lost
  }

  /* ---------- languages, forgetting ---------- */

  async function applyLanguage(code) {
    strings = await loadStrings(code);
    state.lang = code;
    if (orientation && state.companion === code) state.companion = code === "fi" ? "ar" : "fi";
    if (orientation) await loadStrings(state.companion);
    saveState();
    labelFrame();
  }

  async function chooseLanguage(code) {
    if (code === state.lang) return;
    await applyLanguage(code);
    if (!state.entries.length) renderAll();
    await send(`/change_language{"language":"${code}"}`, strings.languages[code]);
  }

  async function chooseCompanion(code) {
    state.companion = code;
    saveState();
    await loadStrings(code);
  }

  async function forget() {
    if (!window.confirm(strings.forget_confirm)) return;
    setTyping(true);
    try {
      const messages = await post("/forget_conversation");
      state.sender = newSender();
      state.entries = [];
      state.feedback = {};
      sessionStorage.removeItem(STORAGE_KEY);
      renderAll();
      const said = messages.filter((m) => m.text).map((m) => m.text).join("\n");
      addNotice(said || strings.forgotten);
    } catch (error) {
      addNotice(strings.unreachable);
    } finally {
      setTyping(false);
      ui.input.focus();
    }
  }

  /* ---------- start ---------- */

  /** Build the chat once its text has loaded; until then the page's own fallback shows. */
  async function start() {
    document.head.append(el("link", { rel: "stylesheet", href: `${SERVER}/widget/housing-chat.css` }));
    const loads = [loadStrings(state.lang)];
    if (orientation) loads.push(loadStrings(state.companion));
    if (orientation) loads.push(fetch(`${SERVER}/widget/glossary`).then((r) => (r.ok ? r.json() : { terms: [] })));
    const [loaded, ...rest] = await Promise.all(loads);
    const glossaryData = rest[rest.length - 1];
    strings = loaded;
    glossary = (glossaryData && glossaryData.terms) || [];
    buildFrame();
    labelFrame();
    renderAll();
    root.dataset.ready = "true";
  }

  start().catch(() => root.setAttribute("data-failed", "true"));
})();
