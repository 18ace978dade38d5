/* gongkai site search: runs in the browser over search/search-data.js, which
   the builder writes (window.GONGKAI_SEARCH). No server, no network: it
   works from a copy of the site opened from disk too.

   Chinese has no spaces between words, so the index holds every pair of
   neighbouring Han characters (bigrams); a query matches the pages that
   hold all of its pairs, best first. The tokenizer must stay the same as
   tokens() in src/output/search.rs. Plain ES5. */
(function () {
  'use strict';
  var data = window.GONGKAI_SEARCH;
  var doc = document;
  var form = doc.getElementById('search-form');
  var input = doc.getElementById('search-q');
  var statusLine = doc.getElementById('search-status');
  var list = doc.getElementById('search-results');
  if (!form || !input || !statusLine || !list) { return; }
  if (!data || !data.docs) {
    statusLine.textContent = '搜索数据没有加载，请通过下面的分类页面查找。';
    return;
  }
  var root = '../';
  var MAX_SHOWN = 50;
  var keys = null;

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
  function allKeys() {
    if (!keys) {
      keys = [];
      for (var k in data.index) { if (data.index.hasOwnProperty(k)) { keys.push(k); } }
    }
    return keys;
  }
  /* Postings of a token. A single Han character or the last, unfinished
     ASCII word of a query also matches the tokens that contain or start
     with it. */
  function postings(token, isLast) {
    var exact = data.index.hasOwnProperty(token) ? data.index[token] : null;
    var single = token.length === 1 && isHan(token.charCodeAt(0));
    var prefix = isLast && isAsciiWord(token.charCodeAt(0));
    if (!single && !prefix) { return exact || []; }
    var merged = {};
    var ks = allKeys();
    for (var i = 0; i < ks.length; i++) {
      var k = ks[i];
      if ((single && k.indexOf(token) >= 0) || (prefix && k.indexOf(token) === 0)) {
        var p = data.index[k];
        for (var j = 0; j < p.length; j += 2) { merged[p[j]] = (merged[p[j]] || 0) + p[j + 1]; }
      }
    }
    var out = [];
    for (var d in merged) { if (merged.hasOwnProperty(d)) { out.push(+d, merged[d]); } }
    return out;
  }

  function search(query) {
    var terms = unique(tokens(query));
    var n = data.docs.length;
    var score = {};
    var matched = {};
    for (var t = 0; t < terms.length; t++) {
      var p = postings(terms[t], t === terms.length - 1);
      var idf = Math.log(1 + n / Math.max(1, p.length / 2));
      for (var i = 0; i < p.length; i += 2) {
        score[p[i]] = (score[p[i]] || 0) + p[i + 1] * idf;
        matched[p[i]] = (matched[p[i]] || 0) + 1;
      }
    }
    var phrase = normalize(query).replace(/\s+/g, '');
    var all = [];
    var some = [];
    for (var d in score) {
      if (!score.hasOwnProperty(d)) { continue; }
      var docu = data.docs[d];
      var s = score[d];
      if (phrase && normalize(docu.title).indexOf(phrase) >= 0) { s += 1000; }
      else if (phrase && normalize(docu.text).indexOf(phrase) >= 0) { s += 100; }
      var hit = { doc: +d, score: s, matched: matched[d] };
      (matched[d] === terms.length ? all : some).push(hit);
    }
    function order(a, b) { return b.score - a.score || a.doc - b.doc; }
    all.sort(order);
    some.sort(function (a, b) { return b.matched - a.matched || order(a, b); });
    return { terms: terms, all: all, some: some };
  }

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

  function render(query) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    query = query.replace(/^\s+|\s+$/g, '');
    if (!query) {
      statusLine.textContent = '';
      list.setAttribute('hidden', '');
      return;
    }
    var r = search(query);
    var hits = r.all.length ? r.all : r.some;
    if (!r.terms.length || !hits.length) {
      statusLine.textContent = '没有找到与“' + query + '”有关的内容。请换一个词，或通过下面的分类页面查找。';
    } else if (r.all.length) {
      statusLine.textContent = '找到 ' + hits.length + ' 条与“' + query + '”有关的内容' +
        (hits.length > MAX_SHOWN ? '，以下是最相关的 ' + MAX_SHOWN + ' 条。' : '。');
    } else {
      statusLine.textContent = '没有同时包含“' + query + '”全部文字的内容，以下 ' + hits.length + ' 条包含其中一部分。';
    }
    for (var i = 0; i < hits.length && i < MAX_SHOWN; i++) {
      var d = data.docs[hits[i].doc];
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
  }

  function queryFromLocation() {
    var m = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!m) { return ''; }
    try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { return ''; }
  }

  form.onsubmit = function () {
    render(input.value);
    try {
      window.history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    } catch (e) { /* some browsers refuse this on file:// pages; the results are shown anyway */ }
    return false;
  };
  var initial = queryFromLocation();
  if (initial) {
    input.value = initial;
    render(initial);
  }
})();
