// newsdex in a browser: draws the view the URL names (search, article, entity) from
// the JSON API. The URL holds all the state, so every view can be bookmarked and
// shared. Article text is hostile: it only ever reaches the page through textContent
// and attributes this script builds, never as HTML.
"use strict";

const ENTITY_FIELDS = ["country", "official", "person", "place", "agency"];
const FACETS = ["country", "official", "person", "place", "agency", "year"];
const LABELS = {
  country: "Country", official: "Official", person: "Person", place: "Place",
  agency: "Agency", year: "Year",
};
const SHOWN = 8;
const PAGE = 10;

// ---- small helpers -------------------------------------------------------------

// C0/C1 control characters would be invisible or reorder nothing useful: show their
// Unicode "control pictures" instead, so they are seen as text.
function visible(text) {
  return String(text ?? "").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}

// An element with attributes and children; strings become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = visible(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(visible(child)) : child);
  }
  return node;
}

// Text from an article, isolated so right-to-left marks inside it cannot reorder the
// page around it.
function bidi(text) {
  return el("bdi", { text });
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

// A link to a view of this page; clicks are handled in place (see `navigate`).
function link(href, ...children) {
  return el("a", { href }, ...children);
}

function searchUrl(params) {
  const query = params.toString();
  return query ? "/?" + query : "/";
}

function filterUrl(field, value) {
  return searchUrl(new URLSearchParams([[field, value]]));
}

function entityUrl(field, value) {
  return "/entity/" + encodeURIComponent(field) + "/" + encodeURIComponent(value);
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body;
  try {
    body = await response.json();
  } catch (_) {
    throw new Error("the server answered " + response.status);
  }
  if (!response.ok) throw new Error(body.error || "the server answered " + response.status);
  return body;
}

function showError(view, error) {
  view.append(el("p", { class: "error", role: "alert", text: error.message }));
}

// The passage with its highlights as <mark>s. The offsets count UTF-8 bytes, so the
// text is cut as bytes and each piece decoded.
function snippet(data) {
  const bytes = new TextEncoder().encode(data.text);
  const decode = (from, to) => new TextDecoder().decode(bytes.subarray(from, to));
  const node = el("p", { class: "snippet" });
  let last = 0;
  for (const [start, end] of data.highlights) {
    if (start < last || end > bytes.length || end <= start) continue;
    node.append(visible(decode(last, start)), el("mark", { text: decode(start, end) }));
    last = end;
  }
  node.append(visible(decode(last, bytes.length)));
  return node;
}

function number(n) {
  return Number(n).toLocaleString("en");
}

// ---- the search view -------------------------------------------------------------

// The API request for the state in the URL: everything but the page's own keys.
function searchParams(state) {
  const params = new URLSearchParams();
  for (const key of ["q", ...ENTITY_FIELDS, "from", "to", "sort"]) {
    for (const value of state.getAll(key)) if (value) params.append(key, value);
  }
  return params;
}

function facetLimit(state) {
  return state.getAll("more").length ? 100 : SHOWN + 1;
}

async function renderSearch(view, state) {
  document.getElementById("q").value = state.get("q") || "";
  const interval = state.get("interval") || "month";
  const offset = Math.max(0, parseInt(state.get("offset") || "0", 10) || 0);
  const open = state.get("open");
  const params = searchParams(state);
  const main = new URLSearchParams(params);
  const facets = [...FACETS];
  if (open) facets.push("place:" + open);
  main.set("facets", facets.join(","));
  main.set("facet_limit", facetLimit(state));
  main.set("timeline", interval);
  main.set("limit", PAGE);
  main.set("offset", offset);
  // Counts of a field with values chosen are counted without that field's own filter,
  // so its other values show what choosing them too (OR) would add.
  const own = ENTITY_FIELDS.filter((f) => state.getAll(f).some(Boolean)).map((field) => {
    const without = new URLSearchParams(params);
    without.delete(field);
    without.set("facets", field);
    without.set("facet_limit", facetLimit(state));
    without.set("limit", 0);
    return api("/api/search?" + without).then((r) => [field, r.facets[field]]);
  });
  let results, ownFacets;
  try {
    [results, ownFacets] = await Promise.all([api("/api/search?" + main), Promise.all(own)]);
  } catch (error) {
    view.replaceChildren();
    showError(view, error);
    return;
  }
  for (const [field, facet] of ownFacets) results.facets[field] = facet;
  const sidebar = el("aside", { class: "sidebar", "aria-label": "Filters" },
    dateForm(state), ...facetLists(state, results, open));
  const content = el("section", { class: "results", "aria-label": "Results" },
    summary(state, results, offset),
    activeFilters(state),
    timeline(state, results.timeline, interval),
    hitList(results.hits),
    pager(state, results.total, offset));
  view.replaceChildren(el("div", { class: "search" }, sidebar, content));
  document.title = (state.get("q") ? state.get("q") + " – " : "") + "newsdex";
}

function summary(state, results, offset) {
  const shown = results.hits.length;
  const count = results.total === 0
    ? "No articles match."
    : `${number(offset + 1)}–${number(offset + shown)} of ${number(results.total)} articles`;
  const sort = el("select", { id: "sort", onchange: (e) => {
    const next = new URLSearchParams(state);
    next.set("sort", e.target.value);
    next.delete("offset");
    navigate(searchUrl(next));
  } });
  for (const [value, label] of [["relevance", "best match"], ["date", "newest"], ["-date", "oldest"]]) {
    sort.append(el("option", { value, selected: (state.get("sort") || "relevance") === value }, label));
  }
  const exportParams = searchParams(state);
  const csv = new URLSearchParams(exportParams);
  csv.set("format", "csv");
  const jsonl = new URLSearchParams(exportParams);
  jsonl.set("format", "jsonl");
  return el("div", { class: "summary" },
    el("p", { id: "count", role: "status" }, count,
      el("span", { class: "took", text: ` (${results.took_ms.toFixed(1)} ms)` })),
    ...results.notes.map((note) => el("p", { class: "note", text: note })),
    el("div", { class: "tools" },
      el("label", { for: "sort" }, "Sort "), sort,
      el("span", { class: "export" }, "Export all: ",
        el("a", { href: "/api/export?" + csv, download: "newsdex-export.csv" }, "CSV"), " · ",
        el("a", { href: "/api/export?" + jsonl, download: "newsdex-export.jsonl" }, "JSON Lines"))));
}

function activeFilters(state) {
  const chips = [];
  for (const field of ENTITY_FIELDS) {
    for (const value of state.getAll(field)) {
      if (!value) continue;
      const next = new URLSearchParams(state);
      next.delete(field);
      for (const other of state.getAll(field)) if (other !== value) next.append(field, other);
      next.delete("offset");
      chips.push(link(searchUrl(next), LABELS[field] + ": ", bidi(value), el("span", { "aria-hidden": "true" }, " ×")));
    }
  }
  for (const key of ["from", "to"]) {
    if (!state.get(key)) continue;
    const next = new URLSearchParams(state);
    next.delete(key);
    next.delete("offset");
    chips.push(link(searchUrl(next), `${key}: ${state.get(key)}`, el("span", { "aria-hidden": "true" }, " ×")));
  }
  if (!chips.length) return null;
  return el("nav", { class: "chips", "aria-label": "Active filters (click to remove)" }, ...chips);
}

function dateForm(state) {
  const form = el("form", { class: "dates", onsubmit: (e) => {
    e.preventDefault();
    const next = new URLSearchParams(state);
    for (const key of ["from", "to"]) {
      const value = form.elements[key].value.trim();
      if (value) next.set(key, value); else next.delete(key);
    }
    next.delete("offset");
    navigate(searchUrl(next));
  } },
  el("h2", {}, "Date"),
  el("label", { for: "from" }, "From"),
  el("input", { id: "from", name: "from", placeholder: "2023 or 2023-09", value: state.get("from") || "", inputmode: "numeric" }),
  el("label", { for: "to" }, "To"),
  el("input", { id: "to", name: "to", placeholder: "2023-09-19", value: state.get("to") || "", inputmode: "numeric" }),
  el("button", { type: "submit" }, "Apply"));
  return form;
}

function toggled(state, field, value) {
  const next = new URLSearchParams(state);
  const values = state.getAll(field);
  next.delete(field);
  if (values.includes(value)) {
    for (const other of values) if (other !== value) next.append(field, other);
  } else {
    for (const other of values) next.append(field, other);
    next.append(field, value);
  }
  next.delete("offset");
  return next;
}

function facetLists(state, results, open) {
  const lists = [];
  const fields = [...FACETS];
  if (open) fields.splice(fields.indexOf("place") + 1, 0, "place:" + open);
  for (const name of fields) {
    const facet = results.facets[name];
    if (!facet) continue;
    const field = name.startsWith("place:") ? "place" : name;
    const more = state.getAll("more").includes(name);
    const chosen = state.getAll(field);
    const values = facet.values.slice(0, more ? facet.values.length : SHOWN);
    // A chosen value stays in view even when it is not among the top counts.
    for (const value of chosen) {
      if (field !== "year" && value && !values.some((v) => v.value === value)) values.push({ value, count: null });
    }
    const items = values.map((v) => {
      let next, selected;
      if (field === "year") {
        selected = state.get("from") === v.value && state.get("to") === v.value;
        next = new URLSearchParams(state);
        if (selected) { next.delete("from"); next.delete("to"); } else { next.set("from", v.value); next.set("to", v.value); }
        next.delete("offset");
      } else {
        selected = chosen.includes(v.value);
        next = toggled(state, field, v.value);
      }
      const item = el("li", {},
        el("a", { href: searchUrl(next), class: "facet-value", role: "checkbox", "aria-checked": String(selected) },
          el("span", { class: "box", "aria-hidden": "true" }, selected ? "☑" : "☐"),
          el("span", { class: "value" }, bidi(v.value)),
          el("span", { class: "count", text: v.count === null ? "" : number(v.count) })));
      if (field === "country" && name === "country") {
        const drill = new URLSearchParams(state);
        if (open === v.value) drill.delete("open"); else drill.set("open", v.value);
        item.append(el("a", { href: searchUrl(drill), class: "drill", title: "Places in " + v.value,
          "aria-label": "Places in " + v.value }, open === v.value ? "▾" : "▸"));
      }
      if (ENTITY_FIELDS.includes(field)) {
        item.append(el("a", { href: entityUrl(field, v.value), class: "about", title: "About " + v.value,
          "aria-label": "About " + v.value }, "i"));
      }
      return item;
    });
    const heading = name.startsWith("place:") ? "Places in " + open : LABELS[name];
    const section = el("section", { class: "facet", "data-facet": name },
      el("h2", {}, heading, el("span", { class: "distinct", text: ` ${number(facet.distinct)}` })),
      items.length ? el("ul", {}, ...items) : el("p", { class: "none" }, "none"));
    if (facet.distinct > SHOWN) {
      const next = new URLSearchParams(state);
      next.delete("more");
      for (const m of state.getAll("more")) if (m !== name) next.append("more", m);
      if (!more) next.append("more", name);
      section.append(link(searchUrl(next), more ? "show fewer" : "show more"));
    }
    lists.push(section);
  }
  return lists;
}

// The timeline as bars; dragging across bars (or clicking one) filters to that span.
function timeline(state, data, interval) {
  const box = el("section", { class: "timeline", "aria-label": "Articles over time" });
  const choose = el("select", { id: "interval", onchange: (e) => {
    const next = new URLSearchParams(state);
    next.set("interval", e.target.value);
    navigate(searchUrl(next));
  } });
  for (const value of ["day", "week", "month", "year"]) {
    choose.append(el("option", { value, selected: value === interval }, value));
  }
  box.append(el("div", { class: "timeline-head" },
    el("h2", {}, "Timeline"), el("label", { for: "interval" }, "per "), choose,
    el("span", { class: "hint" }, "drag across bars to filter by dates")));
  const periods = data ? data.periods : [];
  if (!periods.length) {
    box.append(el("p", { class: "none" }, "no dated articles"));
    return box;
  }
  const width = 800, height = 120, top = 8, bottom = 20;
  const max = Math.max(1, ...periods.map((p) => p.count));
  const step = width / periods.length;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", class: "chart", role: "img",
    "aria-label": `Articles per ${interval}, ${periods[0].period} to ${periods[periods.length - 1].period}` });
  const selection = svg("rect", { class: "brush", y: 0, height, width: 0, x: 0 });
  chart.append(selection);
  periods.forEach((p, i) => {
    const h = Math.round((p.count / max) * (height - top - bottom));
    const bar = svg("rect", { class: "bar", x: (i * step + step * 0.1).toFixed(2), y: height - bottom - h,
      width: Math.max(1, step * 0.8).toFixed(2), height: Math.max(h, p.count ? 1 : 0), "data-index": i });
    const title = svg("title", {});
    title.textContent = `${p.period}: ${p.count}`;
    bar.append(title);
    const hit = svg("rect", { class: "hit", x: (i * step).toFixed(2), y: 0, width: step.toFixed(2), height, "data-index": i });
    chart.append(bar, hit);
  });
  const label = (i) => {
    const text = svg("text", { x: (i * step + step / 2).toFixed(2), y: height - 5, "text-anchor": "middle" });
    text.textContent = periods[i].period;
    return text;
  };
  chart.append(label(0));
  if (periods.length > 1) chart.append(label(periods.length - 1));
  let start = null;
  const indexAt = (event) => {
    const box = chart.getBoundingClientRect();
    const i = Math.floor(((event.clientX - box.left) / box.width) * periods.length);
    return Math.min(periods.length - 1, Math.max(0, i));
  };
  const show = (a, b) => {
    const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    selection.setAttribute("x", (lo * step).toFixed(2));
    selection.setAttribute("width", ((hi - lo + 1) * step).toFixed(2));
  };
  chart.addEventListener("pointerdown", (event) => {
    start = indexAt(event);
    chart.setPointerCapture(event.pointerId);
    show(start, start);
  });
  chart.addEventListener("pointermove", (event) => { if (start !== null) show(start, indexAt(event)); });
  chart.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const end = indexAt(event);
    const [lo, hi] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    const next = new URLSearchParams(state);
    next.set("from", periods[lo].start);
    next.set("to", lastDay(periods[hi].start, interval));
    next.delete("offset");
    navigate(searchUrl(next));
  });
  box.append(chart);
  return box;
}

// The last day of the period of `interval` that starts on `start` (YYYY-MM-DD).
function lastDay(start, interval) {
  const [y, m, d] = start.split("-").map(Number);
  const next = interval === "day" ? new Date(Date.UTC(y, m - 1, d + 1))
    : interval === "week" ? new Date(Date.UTC(y, m - 1, d + 7))
    : interval === "month" ? new Date(Date.UTC(y, m, 1))
    : new Date(Date.UTC(y + 1, 0, 1));
  return new Date(next.getTime() - 86400000).toISOString().slice(0, 10);
}

function entityLinks(field, values) {
  const out = [];
  values.forEach((value, i) => {
    if (i) out.push(", ");
    out.push(link(filterUrl(field, value), bidi(value)));
  });
  return out;
}

function describeOfficial(o) {
  const role = [o.role, o.country].filter(Boolean).join(", ");
  return role ? `${o.name} (${role})` : o.name;
}

function hitList(hits) {
  return el("ol", { class: "hits" }, ...hits.map((hit) => {
    const meta = [hit.date || "undated", hit.agency].filter(Boolean).join(" · ");
    return el("li", { class: "hit" },
      el("h3", {}, link("/article/" + encodeURIComponent(hit.id), bidi(hit.title || "(no title)"))),
      el("p", { class: "meta", text: meta }),
      hit.countries.length ? el("p", { class: "entities" }, "Countries: ", ...entityLinks("country", hit.countries)) : null,
      hit.officials.length ? el("p", { class: "entities" }, "Officials: ",
        ...hit.officials.flatMap((o, i) => [i ? "; " : "", link(filterUrl("official", o.name), bidi(describeOfficial(o)))])) : null,
      snippet(hit.snippet));
  }));
}

function pager(state, total, offset) {
  if (total <= PAGE) return null;
  const at = (o) => { const next = new URLSearchParams(state); next.set("offset", o); return searchUrl(next); };
  const last = Math.min(total - 1, 10000);
  return el("nav", { class: "pager", "aria-label": "Pages" },
    offset > 0 ? link(at(Math.max(0, offset - PAGE)), "‹ previous") : null,
    el("span", {}, ` page ${number(Math.floor(offset / PAGE) + 1)} of ${number(Math.ceil(total / PAGE))} `),
    offset + PAGE <= last ? link(at(offset + PAGE), "next ›") : null);
}

// ---- the article view ------------------------------------------------------------

const WORD = /[\p{L}\p{N}]/u;

// The body with every named entity marked as a link that filters by it: longest names
// first, so "Bandar Abbas" wins over "Abbas".
function markedBody(article) {
  const names = new Map();
  const add = (field, value) => { if (value && value.length > 1 && !names.has(value)) names.set(value, field); };
  for (const o of article.officials) add("official", o.name);
  for (const p of article.people) add("person", p);
  for (const p of article.places) add("place", p);
  for (const c of article.countries) add("country", c);
  const ordered = [...names.keys()].sort((a, b) => b.length - a.length);
  const text = article.body || "";
  const marks = [];
  for (const name of ordered) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(name, from);
      if (at < 0) break;
      from = at + name.length;
      // Whole words only: "Iran" is not marked inside "Iranian".
      if (WORD.test(text.charAt(at - 1)) || WORD.test(text.charAt(from))) continue;
      if (marks.some((m) => at < m.end && from > m.start)) continue;
      marks.push({ start: at, end: from, name });
    }
  }
  marks.sort((a, b) => a.start - b.start);
  const body = el("div", { class: "body" });
  for (const paragraph of splitParagraphs(text, marks)) body.append(paragraph);
  function splitParagraphs(text, marks) {
    const out = [];
    let p = el("p", { dir: "auto" });
    let last = 0;
    const plain = (s) => {
      const parts = s.split(/\n\s*\n/);
      parts.forEach((part, i) => {
        if (i) { out.push(p); p = el("p", { dir: "auto" }); }
        p.append(visible(part));
      });
    };
    for (const m of marks) {
      plain(text.slice(last, m.start));
      const field = names.get(m.name);
      p.append(el("a", { href: filterUrl(field, m.name), class: "entity " + field, title: `${LABELS[field]}: filter by it` },
        visible(text.slice(m.start, m.end))));
      last = m.end;
    }
    plain(text.slice(last));
    out.push(p);
    return out;
  }
  return body;
}

// A link for an article's URL only when it is web address; anything else (a
// `javascript:` URL) is shown as text.
function sourceUrl(url) {
  if (!url) return null;
  let safe = false;
  try { safe = ["http:", "https:"].includes(new URL(url).protocol); } catch (_) { safe = false; }
  return safe ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, bidi(url)) : bidi(url);
}

async function renderArticle(view, id) {
  let article, similar;
  try {
    [article, similar] = await Promise.all([
      api("/api/article/" + encodeURIComponent(id)),
      api("/api/similar/" + encodeURIComponent(id) + "?limit=5").catch(() => null),
    ]);
  } catch (error) {
    view.replaceChildren();
    showError(view, error);
    return;
  }
  const row = (name, ...value) => el("tr", {}, el("th", { scope: "row" }, name), el("td", {}, ...value));
  const fields = el("table", { class: "fields" },
    row("Date", article.date ? `${article.date} (from ${article.date_source})` : "undated"),
    row("Agency", article.agency ? link(filterUrl("agency", article.agency), bidi(article.agency)) : "unknown"),
    article.news_id ? row("Agency id", bidi(article.news_id)) : null,
    article.url ? row("URL", sourceUrl(article.url)) : null,
    row("File", bidi(article.path + (article.line ? `:${article.line}` : ""))),
    row("Id", article.id),
    article.countries.length ? row("Countries", ...entityLinks("country", article.countries)) : null,
    article.officials.length ? row("Officials", ...article.officials.flatMap((o, i) => [i ? "; " : "",
      link(entityUrl("official", o.name), bidi(describeOfficial(o)))])) : null,
    article.people.length ? row("People", ...entityLinks("person", article.people)) : null,
    article.places.length ? row("Places", ...entityLinks("place", article.places)) : null);
  const side = el("aside", { class: "similar", "aria-label": "Similar articles" }, el("h2", {}, "Similar articles"),
    similar && similar.hits.length
      ? el("ol", {}, ...similar.hits.map((h) => el("li", {},
        link("/article/" + encodeURIComponent(h.id), bidi(h.title || "(no title)")),
        el("span", { class: "meta", text: " " + [h.date, h.agency].filter(Boolean).join(" · ") }))))
      : el("p", { class: "none" }, "none"));
  view.replaceChildren(el("div", { class: "article" },
    el("article", {}, el("h1", {}, bidi(article.title || "(no title)")), fields, markedBody(article)), side));
  document.title = visible(article.title) + " – newsdex";
}

// ---- the entity view -------------------------------------------------------------

async function renderEntity(view, field, name) {
  let entity;
  try {
    entity = await api("/api/entity/" + encodeURIComponent(field) + "/" + encodeURIComponent(name));
  } catch (error) {
    view.replaceChildren();
    showError(view, error);
    return;
  }
  const all = new URLSearchParams([[field, entity.name]]);
  const roles = entity.roles.length
    ? el("table", { class: "roles" }, el("tr", {}, el("th", {}, "Role"), el("th", {}, "Country"), el("th", {}, "Articles")),
      ...entity.roles.map((r) => el("tr", {}, el("td", {}, bidi(r.role)), el("td", {}, bidi(r.country || "")),
        el("td", { text: number(r.count) }))))
    : null;
  const related = ENTITY_FIELDS.map((f) => {
    const facet = entity.facets[f];
    const values = facet ? facet.values.filter((v) => !(f === field && v.value === entity.name)) : [];
    if (!values.length) return null;
    return el("section", { class: "facet" }, el("h2", {}, LABELS[f] + " named with it"),
      el("ul", {}, ...values.slice(0, SHOWN).map((v) => el("li", {},
        link(entityUrl(f, v.value), el("span", { class: "value" }, bidi(v.value)), el("span", { class: "count", text: number(v.count) }))))));
  });
  const state = new URLSearchParams(all);
  view.replaceChildren(el("div", { class: "entity" },
    el("h1", {}, bidi(entity.name), el("span", { class: "kind", text: " " + LABELS[field] })),
    el("p", {}, link(searchUrl(all), `${number(entity.total)} articles`), " name it."),
    roles ? el("section", {}, el("h2", {}, `Roles (in the latest ${number(entity.roles_from)} articles)`), roles) : null,
    timeline(state, entity.timeline, "month"),
    el("div", { class: "related" }, ...related),
    el("section", {}, el("h2", {}, "Latest articles"), hitList(entity.latest))));
  document.title = visible(entity.name) + " – newsdex";
}

// ---- routing ---------------------------------------------------------------------

function render() {
  const view = document.getElementById("view");
  view.setAttribute("aria-busy", "true");
  const path = location.pathname;
  let done;
  if (path.startsWith("/article/")) {
    done = renderArticle(view, decodeURIComponent(path.slice("/article/".length)));
  } else if (path.startsWith("/entity/")) {
    const [field, name] = path.slice("/entity/".length).split("/").map(decodeURIComponent);
    done = renderEntity(view, field, name || "");
  } else {
    done = renderSearch(view, new URLSearchParams(location.search));
  }
  done.finally(() => view.removeAttribute("aria-busy"));
}

function navigate(href) {
  history.pushState(null, "", href);
  render();
  window.scrollTo(0, 0);
}

function helpText() {
  const rows = [
    ["oil prices", "both words (stemmed: sanction finds sanctions)"],
    ["oil OR gas, oil -opec, oil AND NOT opec", "boolean combinations, ( ) to group"],
    ["\"oil prices\"", "the phrase; \"iran russia\"~5 within 5 words"],
    ["sanct*, sanctons~1", "a prefix; one typo allowed"],
    ["title:talks, body:drone", "a word in one field"],
    ["country:US, official:shoigu, person:\"lee sung-min\", place:tehran, agency:irna", "articles with that entity (aliases work)"],
    ["date:2023-09, date:[2023-01 TO 2023-06], date:>2023", "a period"],
  ];
  return el("table", {}, el("caption", {}, "The query language"),
    ...rows.map(([query, meaning]) => el("tr", {}, el("td", {}, el("code", {}, query)), el("td", {}, meaning))));
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("search-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = location.pathname === "/" ? new URLSearchParams(location.search) : new URLSearchParams();
    const q = document.getElementById("q").value.trim();
    if (q) next.set("q", q); else next.delete("q");
    next.delete("offset");
    navigate(searchUrl(next));
  });
  const help = document.getElementById("help");
  const toggle = document.getElementById("help-toggle");
  help.append(helpText());
  toggle.addEventListener("click", () => {
    help.hidden = !help.hidden;
    toggle.setAttribute("aria-expanded", String(!help.hidden));
  });
  // Links to this page's views are followed in place; downloads and other sites are not.
  document.addEventListener("click", (event) => {
    const a = event.target.closest("a");
    if (!a || a.hasAttribute("download") || a.target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener("popstate", render);
  render();
});
