// The split search index against the one-file index it replaced: for a
// built site, reads every search document back, builds the old index from
// them exactly as gongkai did (bigram tokens, titles weighing five times)
// and runs the old search, then runs the new one (assets/search.js over
// the pieces, loaded as a browser would) for many queries, and compares.
// Every query must find the same pages (those holding every word, and
// failing that those holding some) and show the first of them in the same
// order. With --bytes, says how many bytes one query loads.
//
// usage: node tests/browser/search.mjs SITE_DIR [QUERY ...]
//        node tests/browser/search.mjs --bytes SITE_DIR QUERY   (prints the bytes one query loads)
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const bytesOnly = args[0] === '--bytes';
if (bytesOnly) { args.shift(); }
const site = args.shift();
if (!site) { console.error('usage: node tests/browser/search.mjs SITE_DIR [QUERY ...]'); process.exit(2); }

// The script as the browser runs it, without a document: its engine.
const scriptPath = existsSync(join(site, 'assets/search.js')) ? join(site, 'assets/search.js') : join(here, '../../themes/default/static/assets/search.js');
const sandbox = { module: { exports: {} } };
vm.runInNewContext(readFileSync(scriptPath, 'utf8'), sandbox);
const api = sandbox.module.exports;

function runPart(file) {
  let value = null;
  const context = { window: {}, GONGKAI_SEARCH_PART: (name, v) => { value = v; } };
  vm.runInNewContext(readFileSync(file, 'utf8'), context);
  return { value, window: context.window };
}
const meta = runPart(join(site, 'search/search-data.js')).window.GONGKAI_SEARCH;
// As the browser does: each piece loaded once, counted once.
let loaded = 0;
const cache = new Map();
function load(name, callback) {
  if (!cache.has(name)) {
    const file = join(site, 'search', `${name}.js`);
    cache.set(name, existsSync(file) ? runPart(file).value : null);
    if (existsSync(file)) { loaded += statSync(file).size; }
  }
  callback(cache.get(name));
}
const engine = new api.Engine(meta, load);
const search = (query) => new Promise((resolve) => engine.search(query, resolve));
/* The hits shown, in their final order. */
const top = (r, list) => new Promise((resolve) => engine.top(r, list, api.MAX_SHOWN, (shown) => resolve(shown)));

// Bytes for one query: the split-description, the pieces and the documents shown.
if (bytesOnly) {
  const query = args[0] || '整改';
  loaded = statSync(join(site, 'search/search-data.js')).size;
  const r = await search(query);
  const hits = r.all.length ? r.all : r.some;
  await top(r, hits);
  console.log(JSON.stringify({ query, bytes: loaded, found: hits.length }));
  process.exit(0);
}

// --- the old index, rebuilt from the documents --------------------------------------
const docs = [];
for (let n = 0; n < meta.docs; n++) { docs.push(runPart(join(site, 'search', 'd', String(Math.floor(n / 1000)), `${n}.js`)).value); }
const index = {};
docs.forEach((d, n) => {
  const weights = {};
  for (const t of api.tokens(d.title)) { weights[t] = (weights[t] || 0) + 5; }
  for (const t of api.tokens(d.meta).concat(api.tokens(d.text))) { weights[t] = (weights[t] || 0) + 1; }
  for (const t of Object.keys(weights).sort()) { (index[t] = index[t] || []).push(n, weights[t]); }
});
const keys = Object.keys(index);
function isHan(code) { return (code >= 0x3400 && code <= 0x4DBF) || (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0xF900 && code <= 0xFAFF); }
function isAsciiWord(code) { return (code >= 48 && code <= 57) || (code >= 97 && code <= 122); }
function postings(token, isLast) {
  const exact = index[token] || null;
  const single = token.length === 1 && isHan(token.charCodeAt(0));
  const prefix = isLast && isAsciiWord(token.charCodeAt(0));
  if (!single && !prefix) { return exact || []; }
  const merged = {};
  for (const k of keys) {
    if ((single && k.indexOf(token) >= 0) || (prefix && k.indexOf(token) === 0)) {
      const p = index[k];
      for (let j = 0; j < p.length; j += 2) { merged[p[j]] = (merged[p[j]] || 0) + p[j + 1]; }
    }
  }
  const out = [];
  for (const d in merged) { out.push(+d, merged[d]); }
  return out;
}
function oldSearch(query) {
  const terms = [...new Set(api.tokens(query))];
  const n = docs.length;
  const score = {};
  const matched = {};
  terms.forEach((term, t) => {
    const p = postings(term, t === terms.length - 1);
    const idf = Math.log(1 + n / Math.max(1, p.length / 2));
    for (let i = 0; i < p.length; i += 2) {
      score[p[i]] = (score[p[i]] || 0) + p[i + 1] * idf;
      matched[p[i]] = (matched[p[i]] || 0) + 1;
    }
  });
  const phrase = api.normalize(query).replace(/\s+/g, '');
  const all = [];
  const some = [];
  for (const d in score) {
    const doc = docs[d];
    let s = score[d];
    if (phrase && api.normalize(doc.title).indexOf(phrase) >= 0) { s += 1000; }
    else if (phrase && api.normalize(doc.text).indexOf(phrase) >= 0) { s += 100; }
    (matched[d] === terms.length ? all : some).push({ doc: +d, score: s, matched: matched[d] });
  }
  const order = (a, b) => b.score - a.score || a.doc - b.doc;
  all.sort(order);
  some.sort((a, b) => b.matched - a.matched || order(a, b));
  return { terms, all, some };
}

// --- the queries ---------------------------------------------------------------------
const queries = args.length ? args : (() => {
  const q = new Set(['整改', '问题', '水', '气', '锅炉', '黑臭水体', '生态环境局', '问题7', 'pm', 'pm2', 'PM2.5', '２０２３', '2023',
    '燃煤 锅炉', '整改 完成', '污水处理厂', '交办', '属实', '销号公示', '验收', 'zqxjkvw', '了', '7', 'a', '水 污染']);
  // Titles whole and cut, their first characters: words real users type.
  docs.forEach((d, n) => {
    if (n % 7 !== 0) { return; }
    q.add(d.title);
    q.add(d.title.slice(0, 2));
    q.add(d.title.slice(0, 4));
    q.add(d.title.slice(2, 3));
  });
  return [...q].filter((x) => x.trim());
})();

let failures = 0;
for (const query of queries) {
  const before = oldSearch(query);
  const after = await search(query);
  const ids = (list) => list.map((h) => h.doc);
  const sorted = (list) => JSON.stringify(ids(list).sort((x, y) => x - y));
  if (sorted(before.all) !== sorted(after.all) || sorted(before.some) !== sorted(after.some)) {
    failures += 1;
    console.log(`FAIL «${query}»: found ${before.all.length}+${before.some.length} before, ${after.all.length}+${after.some.length} now`);
    continue;
  }
  // What the page shows: the first results of the list it shows, in order.
  const shown = before.all.length ? 'all' : 'some';
  const want = ids(before[shown].slice(0, api.MAX_SHOWN));
  const got = ids(await top(after, after[shown]));
  if (JSON.stringify(want) !== JSON.stringify(got)) {
    failures += 1;
    console.log(`FAIL «${query}»: shown in another order\n  before ${want.join(' ')}\n  now    ${got.join(' ')}`);
  }
}
console.log(`search: ${queries.length} queries over ${docs.length} documents, ${failures} failed`);
process.exit(failures ? 1 : 0);
