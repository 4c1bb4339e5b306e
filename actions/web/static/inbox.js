// Counsellor inbox: polls the ticket list; every value is inserted as text, never as HTML.
"use strict";
const TEXT = JSON.parse(document.getElementById("inbox-text").textContent);
const POLL_MS = 3000;
let selected = null;

async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: "same-origin",
    ...options,
    headers: { "Content-Type": "application/json", "X-Requested-With": "fetch", ...(options.headers || {}) },
  });
  if (response.status === 401) { window.location.reload(); throw new Error("logged out"); }
  if (!response.ok) { throw new Error(TEXT.error); }
  return response.json();
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// Digit runs with separators (phone numbers, dates, amounts): shown left to right inside
// Arabic text too, as actions/i18n/bidi.py NUMBER_RUN finds them.
const NUMBER_RUN = /\+?\d+(?:[ \u00a0.,:\/\u2013-]\d+)+/g;

/** An element whose text reads in its own direction, each number isolated left to right. */
function textWithNumbers(tag, text) {
  const node = document.createElement(tag);
  node.dir = "auto";
  const value = String(text);
  let last = 0;
  for (const match of value.matchAll(NUMBER_RUN)) {
    node.append(value.slice(last, match.index));
    const number = document.createElement("bdi");
    number.dir = "ltr";
    number.textContent = match[0];
    node.append(number);
    last = match.index + match[0].length;
  }
  node.append(value.slice(last));
  return node;
}

async function refreshList() {
  const filter = document.getElementById("status-filter").value;
  const query = filter === "open" ? "" : `?status=${filter}`;
  let tickets = await api(`/api/tickets${query}`);
  if (filter === "open") tickets = tickets.filter((t) => t.status !== "closed");
  const list = document.getElementById("tickets");
  list.replaceChildren(...tickets.map((ticket) => {
    const item = element("li");
    const button = element("button", undefined, `urgency-${ticket.urgency}`);
    button.dataset.reference = ticket.reference;
    button.append(
      element("strong", ticket.reference), " ",
      element("span", TEXT[ticket.urgency], "badge"), " ",
      element("span", ticket.language.toUpperCase(), "badge"), " ",
      element("span", TEXT[ticket.status], "badge"),
      element("div", (ticket.topics || []).join(", ")),
    );
    button.addEventListener("click", () => showTicket(ticket.reference));
    item.append(button);
    return item;
  }));
  document.getElementById("empty").hidden = tickets.length > 0;
}

async function showTicket(reference) {
  selected = reference;
  const ticket = await api(`/api/tickets/${encodeURIComponent(reference)}`);
  document.getElementById("detail").hidden = false;
  document.getElementById("detail-title").textContent = `${ticket.reference} · ${TEXT[ticket.status]}`;
  document.getElementById("summary").replaceChildren(
    ...ticket.summary_fi.flatMap(([label, value]) => [element("dt", label), textWithNumbers("dd", value)]),
  );
  document.getElementById("notes").replaceChildren(
    ...ticket.notes.map((n) => element("li", `${n.author}: ${n.body}`)),
  );
  document.getElementById("transcript").replaceChildren(
    ...(ticket.transcript || []).map((line) => textWithNumbers("li", `${TEXT[line.from]}: ${line.text}`)),
  );
  document.getElementById("claim").disabled = ticket.status !== "new";
}

async function change(path, body) {
  await api(`/api/tickets/${encodeURIComponent(selected)}/${path}`, {
    method: "POST", body: JSON.stringify(body || {}),
  });
  await Promise.all([showTicket(selected), refreshList()]);
}

document.getElementById("claim").addEventListener("click", () => change("claim"));
document.getElementById("note-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const field = document.getElementById("note");
  change("notes", { body: field.value }).then(() => { field.value = ""; });
});
document.getElementById("close-form").addEventListener("submit", (event) => {
  event.preventDefault();
  change("close", { outcome: document.getElementById("outcome").value });
});
document.getElementById("status-filter").addEventListener("change", refreshList);
refreshList();
setInterval(refreshList, POLL_MS);
