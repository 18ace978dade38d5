/* gongkai site search: runs in the browser over the index the builder
   writes beside the search page. No server, no network: it works from a
   copy of the site opened from disk too, since every piece is a script.

   search-data.js says how the index is split (window.GONGKAI_SEARCH). The
   entries of a word are in the piece its hash names (i/<n>.js); each page's
   text is in a file of its own (d/<n/1000>/<n>.js), loaded for the results
   shown. So a query loads a few pieces and the pages it shows, however
   large the site.

   Chinese has no spaces between words, so the index holds every pair of
   neighbouring Han characters (bigrams); a query matches the pages that
   hold all of its pairs, best first. A single Han character, and the
   unfinished ASCII word at the end of a query, match every entry that
   contains it or starts with it: the builder merged those entries (keys
   `*字`, `>ab`). The tokenizer, the hash and the number encoding must stay
   the same as in src/output/search.rs. Plain ES5. */
(function (global) {
  'use strict';
  var MAX_SHOWN = 50;
  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

  function isHan(code) {
    return (code >= 0x3400 && code <= 0x4DBF) || (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0xF900 && code <= 0xFAFF);
  }
  function isAsciiWord(code) {
    return (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
  }
  /* Full-width ASCII as ASCII, letters in lower case. */
  function normalize(text) {
    var out = '';
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code >= 0xFF01 && code <= 0xFF5E) { code -= 0xFEE0; }
      if (code >= 65 && code <= 90) { code += 32; }
      out += String.fromCharCode(code);
    }
    return out;
  }
  function tokens(text) {
    var out = [];
    var han = '';
    var word = '';
    function flushHan() {
      if (han.length === 1) { out.push(han); }
      for (var j = 0; j + 1 < han.length; j++) { out.push(han.substr(j, 2)); }
      han = '';
    }
    function flushWord() {
      if (word) { out.push(word); word = ''; }
    }
    text = normalize(text);
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      var code = text.charCodeAt(i);
      if (isHan(code)) { flushWord(); han += c; }
      else if (isAsciiWord(code)) { flushHan(); word += c; }
      else { flushHan(); flushWord(); }
    }
    flushHan();
    flushWord();
    return out;
  }
  function unique(list) {
    var seen = {};
    var out = [];
    for (var i = 0; i < list.length; i++) {
      if (!seen.hasOwnProperty(list[i])) { seen[list[i]] = true; out.push(list[i]); }
    }
    return out;
  }
  /* FNV-1a over UTF-16 code units, as src/output/search.rs computes it.
     The prime is 2^24 + 403; its product is taken in parts so that no
     intermediate exceeds the exact range of a double. */
  function hash(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h = (h ^ key.charCodeAt(i)) >>> 0;
      h = (h * 403 + ((h << 24) >>> 0)) % 4294967296;
    }
    return h;
  }
  /* Entries: document number deltas and weight * 4 + flags (1: in the
     title, 2: in the text), as base-32 digits low first. */
  function decode(s) {
    var out = [];
    var value = 0;
    var shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s.charAt(i));
      value += (d & 31) * Math.pow(2, shift);
      if (d & 32) { shift += 5; continue; }
      out.push(value);
      value = 0;
      shift = 0;
    }
    return out;
  }

  /* The search over an index reached through `load(name, callback)`, which
     gives the value of the piece `name` (e.g. "i/3", "d/0/17") or null. */
  function Engine(meta, load) {
    this.meta = meta;
    this.load = load;
  }
  /* The key a term is looked up by. */
  function keyOf(term, isLast) {
    if (term.length === 1 && isHan(term.charCodeAt(0))) { return '*' + term; }
    if (isLast && isAsciiWord(term.charCodeAt(0))) { return '>' + term; }
    return term;
  }
  /* Calls back with { terms, all, some }: hits ({ doc, score, matched })
     best first; `all` hold every term, `some` only part of them. */
  Engine.prototype.search = function (query, callback) {
    var self = this;
    var terms = unique(tokens(query));
    var keys = [];
    for (var t = 0; t < terms.length; t++) { keys.push(keyOf(terms[t], t === terms.length - 1)); }
    var shards = [];
    for (var k = 0; k < keys.length; k++) {
      var s = hash(keys[k]) % self.meta.shards;
      if (shards.indexOf(s) < 0) { shards.push(s); }
    }
    var pieces = {};
    var waiting = shards.length;
    if (!waiting) { callback({ terms: terms, all: [], some: [] }); return; }
    for (var i = 0; i < shards.length; i++) {
      (function (s) {
        self.load('i/' + s, function (piece) {
          pieces[s] = piece || {};
          waiting -= 1;
          if (!waiting) { callback(self.rank(query, terms, keys, pieces)); }
        });
      })(shards[i]);
    }
  };
  Engine.prototype.rank = function (query, terms, keys, pieces) {
    var n = this.meta.docs;
    var score = {};
    var matched = {};
    var inTitle = {};
    var inText = {};
    for (var t = 0; t < keys.length; t++) {
      var piece = pieces[hash(keys[t]) % this.meta.shards];
      var p = piece.hasOwnProperty(keys[t]) ? decode(piece[keys[t]]) : [];
      var idf = Math.log(1 + n / Math.max(1, p.length / 2));
      var doc = 0;
      for (var i = 0; i < p.length; i += 2) {
        doc += p[i];
        var weight = Math.floor(p[i + 1] / 4);
        var flags = p[i + 1] % 4;
        score[doc] = (score[doc] || 0) + weight * idf;
        matched[doc] = (matched[doc] || 0) + 1;
        if (flags & 1) { inTitle[doc] = (inTitle[doc] || 0) + 1; }
        if (flags & 2) { inText[doc] = (inText[doc] || 0) + 1; }
      }
    }
    /* A page holding the whole query in its title comes first, then one
       holding it in its text. Holding every word there is needed for it;
       for a query of one word it is the same. For more, the page itself is
       read (see top) before it is ranked as holding the whole query. */
    var phrase = normalize(query).replace(/\s+/g, '');
    var sure = terms.length === 1 && phrase === terms[0];
    var all = [];
    var some = [];
    for (var d in score) {
      if (!score.hasOwnProperty(d)) { continue; }
      var bonus = !phrase ? 0 : inTitle[d] === keys.length ? 1000 : inText[d] === keys.length ? 100 : 0;
      var hit = { doc: +d, score: score[d] + bonus, base: score[d], matched: matched[d], sure: sure || bonus === 0 };
      (matched[d] === terms.length ? all : some).push(hit);
    }
    all.sort(order);
    some.sort(orderSome);
    return { terms: terms, phrase: phrase, all: all, some: some };
  };
  function order(a, b) { return b.score - a.score || a.doc - b.doc; }
  function orderSome(a, b) { return b.matched - a.matched || order(a, b); }
  /* Calls back with the first `count` hits of `list` (all or some of a
     result) and their documents, in their final order: a hit whose bonus
     is not sure is read and given its exact one, until the first `count`
     are all sure. */
  Engine.prototype.top = function (r, list, count, callback) {
    var self = this;
    var sort = list === r.all ? order : orderSome;
    var docs = {};
    function round() {
      list.sort(sort);
      var shown = list.slice(0, count);
      var unsure = [];
      for (var i = 0; i < shown.length; i++) { if (!shown[i].sure) { unsure.push(shown[i]); } }
      var wanted = unsure.length ? unsure : shown;
      self.documents(wanted, function (loaded) {
        for (var j = 0; j < wanted.length; j++) {
          var h = wanted[j];
          var d = loaded[j];
          docs[h.doc] = d;
          if (!h.sure) {
            h.sure = true;
            h.score = h.base + (d && normalize(d.title).indexOf(r.phrase) >= 0 ? 1000 :
              d && normalize(d.text).indexOf(r.phrase) >= 0 ? 100 : 0);
          }
        }
        if (unsure.length) { round(); return; }
        var out = [];
        for (var k = 0; k < shown.length; k++) { out.push(docs[shown[k].doc]); }
        callback(shown, out);
      });
    }
    round();
  };
  /* Calls back with the documents of `hits` (in their order; null where
     one could not be loaded). */
  Engine.prototype.documents = function (hits, callback) {
    var docs = [];
    var waiting = hits.length;
    if (!waiting) { callback(docs); return; }
    for (var i = 0; i < hits.length; i++) {
      (function (i, n) {
        this.load('d/' + Math.floor(n / 1000) + '/' + n, function (doc) {
          docs[i] = doc;
          waiting -= 1;
          if (!waiting) { callback(docs); }
        });
      }).call(this, i, hits[i].doc);
    }
  };

  var api = { Engine: Engine, tokens: tokens, normalize: normalize, hash: hash, decode: decode, MAX_SHOWN: MAX_SHOWN };
  if (typeof module !== 'undefined' && module.exports) { module.exports = api; }
  if (typeof document === 'undefined') { return; }

  /* --- the search page ---------------------------------------------------- */
  var doc = document;
  var form = doc.getElementById('search-form');
  var input = doc.getElementById('search-q');
  var statusLine = doc.getElementById('search-status');
  var list = doc.getElementById('search-results');
  if (!form || !input || !statusLine || !list) { return; }
  var meta = global.GONGKAI_SEARCH;
  if (!meta || meta.version !== 2) {
    statusLine.textContent = '搜索数据没有加载，请通过下面的分类页面查找。';
    return;
  }
  var root = '../';
  /* Pieces by name: each script calls GONGKAI_SEARCH_PART(name, value). */
  var parts = {};
  var waiting = {};
  global.GONGKAI_SEARCH_PART = function (name, value) { parts[name] = value; };
  function load(name, callback) {
    if (parts.hasOwnProperty(name)) { callback(parts[name]); return; }
    if (waiting.hasOwnProperty(name)) { waiting[name].push(callback); return; }
    waiting[name] = [callback];
    var script = doc.createElement('script');
    script.charset = 'utf-8';
    script.src = name + '.js';
    function done() {
      var callbacks = waiting[name];
      delete waiting[name];
      var value = parts.hasOwnProperty(name) ? parts[name] : null;
      for (var i = 0; i < callbacks.length; i++) { callbacks[i](value); }
      if (script.parentNode) { script.parentNode.removeChild(script); }
    }
    script.onload = done;
    script.onerror = done;
    doc.body.appendChild(script);
  }
  var engine = new Engine(meta, load);
  var latest = 0;

  /* A piece of the text around the first match, with the matches marked. */
  function snippet(text, query, terms) {
    var norm = normalize(text);
    var phrase = normalize(query).replace(/\s+/g, '');
    var at = phrase ? norm.indexOf(phrase) : -1;
    for (var i = 0; at < 0 && i < terms.length; i++) { at = norm.indexOf(terms[i]); }
    var start = Math.max(0, at - 30);
    var end = Math.min(text.length, start + 110);
    var frag = doc.createDocumentFragment();
    if (start > 0) { frag.appendChild(doc.createTextNode('……')); }
    var marks = unique([phrase].concat(terms)).sort(function (a, b) { return b.length - a.length; });
    var plain = '';
    var pos = start;
    while (pos < end) {
      var found = '';
      for (var m = 0; m < marks.length && !found; m++) {
        if (marks[m] && norm.substr(pos, marks[m].length) === marks[m]) { found = marks[m]; }
      }
      if (found) {
        if (plain) { frag.appendChild(doc.createTextNode(plain)); plain = ''; }
        var mark = doc.createElement('mark');
        mark.appendChild(doc.createTextNode(text.substr(pos, found.length)));
        frag.appendChild(mark);
        pos += found.length;
      } else {
        plain += text.charAt(pos);
        pos += 1;
      }
    }
    if (plain) { frag.appendChild(doc.createTextNode(plain)); }
    if (end < text.length) { frag.appendChild(doc.createTextNode('……')); }
    return frag;
  }

  function el(name, className, text) {
    var e = doc.createElement(name);
    if (className) { e.className = className; }
    if (text) { e.appendChild(doc.createTextNode(text)); }
    return e;
  }

  function clear() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
  }

  function render(query) {
    var run = ++latest;
    query = query.replace(/^\s+|\s+$/g, '');
    if (!query) {
      clear();
      statusLine.textContent = '';
      list.setAttribute('hidden', '');
      return;
    }
    statusLine.textContent = '正在搜索……';
    engine.search(query, function (r) {
      if (run !== latest) { return; }
      var hits = r.all.length ? r.all : r.some;
      engine.top(r, hits, MAX_SHOWN, function (shown, docs) {
        if (run !== latest) { return; }
        clear();
        if (!r.terms.length || !hits.length) {
          statusLine.textContent = '没有找到与“' + query + '”有关的内容。请换一个词，或通过下面的分类页面查找。';
        } else if (r.all.length) {
          statusLine.textContent = '找到 ' + hits.length + ' 条与“' + query + '”有关的内容' +
            (hits.length > MAX_SHOWN ? '，以下是最相关的 ' + MAX_SHOWN + ' 条。' : '。');
        } else {
          statusLine.textContent = '没有同时包含“' + query + '”全部文字的内容，以下 ' + hits.length + ' 条包含其中一部分。';
        }
        for (var i = 0; i < docs.length; i++) {
          var d = docs[i];
          if (!d) { continue; }
          var li = el('li');
          var h = el('h2');
          h.appendChild(el('span', 'result-kind', d.kind));
          var a = el('a', '', d.title);
          a.href = root + d.url;
          h.appendChild(a);
          li.appendChild(h);
          if (d.meta) { li.appendChild(el('p', 'result-meta', d.meta)); }
          if (d.text) {
            var p = el('p', 'result-snippet');
            p.appendChild(snippet(d.text, query, r.terms));
            li.appendChild(p);
          }
          list.appendChild(li);
        }
        if (hits.length) { list.removeAttribute('hidden'); } else { list.setAttribute('hidden', ''); }
      });
    });
  }

  function queryFromLocation() {
    var m = /[?&]q=([^&#]*)/.exec(global.location.search);
    if (!m) { return ''; }
    try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { return ''; }
  }

  form.onsubmit = function () {
    render(input.value);
    try {
      global.history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    } catch (e) { /* some browsers refuse this on file:// pages; the results are shown anyway */ }
    return false;
  };
  var initial = queryFromLocation();
  if (initial) {
    input.value = initial;
    render(initial);
  }
})(this);
