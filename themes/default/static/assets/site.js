/* gongkai default theme: the few things that need a script. Plain ES5 so
   that it runs in the IE-engine mode of dual-engine browsers; every part
   is optional, and the page is complete without it. Nothing here moves or
   opens by itself: each action starts with the reader's click. */
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;
  var TEXT_SIZE_KEY = 'gongkai-text-size';

  function hasClass(el, name) {
    return (' ' + el.className + ' ').indexOf(' ' + name + ' ') >= 0;
  }
  function setClass(el, name, on) {
    var has = hasClass(el, name);
    if (on && !has) {
      el.className = (el.className ? el.className + ' ' : '') + name;
    } else if (!on && has) {
      el.className = (' ' + el.className + ' ').replace(' ' + name + ' ', ' ').replace(/^\s+|\s+$/g, '');
    }
  }
  function each(list, fn) {
    for (var i = 0; i < list.length; i++) { fn(list[i], i); }
  }
  function show(el, on) {
    if (on) { el.removeAttribute('hidden'); } else { el.setAttribute('hidden', ''); }
  }

  /* Large-text mode (大字模式): a class on <html>, remembered in
     localStorage; the inline script in <head> applies it before the first
     paint on every page. */
  var toggles = doc.querySelectorAll('.text-size-toggle');
  function applyTextSize(large) {
    setClass(root, 'large-text', large);
    each(toggles, function (b) { b.setAttribute('aria-pressed', large ? 'true' : 'false'); });
  }
  each(toggles, function (button) {
    show(button, true);
    button.onclick = function () {
      var large = !hasClass(root, 'large-text');
      applyTextSize(large);
      try {
        if (large) { localStorage.setItem(TEXT_SIZE_KEY, 'large'); } else { localStorage.removeItem(TEXT_SIZE_KEY); }
      } catch (e) { /* private mode: the choice lasts for this page only */ }
    };
  });
  applyTextSize(hasClass(root, 'large-text'));
  if (window.addEventListener) {
    window.addEventListener('storage', function (e) {
      if (e.key === TEXT_SIZE_KEY) { applyTextSize(e.newValue === 'large'); }
    });
  }

  /* Read aloud (朗读) with the browser's own speech synthesis, in Chinese.
     Long texts are spoken sentence by sentence: some engines stop a single
     long utterance after a few seconds. */
  var synth = window.speechSynthesis;
  each(doc.querySelectorAll('.read-aloud'), function (box) {
    var article = doc.getElementById(box.getAttribute('data-read'));
    if (!synth || !window.SpeechSynthesisUtterance || !article) { return; }
    var toggle = box.querySelector('[data-read-action="toggle"]');
    var stop = box.querySelector('[data-read-action="stop"]');
    var state = 'idle';
    function setState(s) {
      state = s;
      toggle.textContent = s === 'speaking' ? '暂停朗读' : (s === 'paused' ? '继续朗读' : '朗读本页');
      show(stop, s !== 'idle');
    }
    function chineseVoice() {
      var voices = synth.getVoices ? synth.getVoices() : [];
      for (var i = 0; i < voices.length; i++) {
        if (/^zh[-_]CN/i.test(voices[i].lang)) { return voices[i]; }
      }
      return null;
    }
    function sentences(text) {
      var parts = text.replace(/\s+/g, ' ').match(/[^。！？；!?;\n]+[。！？；!?;]*/g) || [];
      var out = [];
      var current = '';
      each(parts, function (p) {
        if ((current + p).length > 120 && current) { out.push(current); current = ''; }
        current += p;
      });
      if (current.replace(/\s/g, '')) { out.push(current); }
      return out;
    }
    function readableText() {
      var copy = article.cloneNode(true);
      each(copy.querySelectorAll('.read-aloud, script, style'), function (el) { el.parentNode.removeChild(el); });
      return copy.innerText || copy.textContent || '';
    }
    function speak() {
      synth.cancel();
      var parts = sentences(readableText());
      var voice = chineseVoice();
      each(parts, function (text, i) {
        var u = new window.SpeechSynthesisUtterance(text);
        u.lang = 'zh-CN';
        if (voice) { u.voice = voice; }
        if (i === parts.length - 1) { u.onend = function () { if (state === 'speaking') { setState('idle'); } }; }
        synth.speak(u);
      });
      setState(parts.length ? 'speaking' : 'idle');
    }
    toggle.onclick = function () {
      if (state === 'idle') { speak(); }
      else if (state === 'speaking') { synth.pause(); setState('paused'); }
      else { synth.resume(); setState('speaking'); }
    };
    stop.onclick = function () { synth.cancel(); setState('idle'); toggle.focus(); };
    if (window.addEventListener) { window.addEventListener('pagehide', function () { synth.cancel(); }); }
    show(box, true);
  });

  /* Print buttons. */
  each(doc.querySelectorAll('[data-print]'), function (button) {
    button.onclick = function () { window.print(); };
  });

  /* On paper a link is only useful with its address: before printing, give
     every link in the text its absolute URL, resolved against the page's
     canonical URL (so a copy opened from disk prints the public address). */
  function absolute(base, href) {
    if (/^[a-z][a-z0-9+.\-]*:/i.test(href)) { return href; }
    var m = /^([a-z][a-z0-9+.\-]*:\/\/[^\/]*)(\/[^?#]*)?/i.exec(base);
    if (!m) { return href; }
    var hash = '';
    var cut = href.search(/[?#]/);
    if (cut >= 0) { hash = href.slice(cut); href = href.slice(0, cut); }
    var dir = (m[2] || '/').replace(/[^\/]*$/, '');
    var segments = (href.charAt(0) === '/' ? href : dir + href).split('/');
    var out = [];
    each(segments, function (s, i) {
      if (s === '..') { if (out.length > 1) { out.pop(); } }
      else if (s !== '.' || i === segments.length - 1) { out.push(s === '.' ? '' : s); }
    });
    return m[1] + out.join('/').replace(/\/index\.html$/, '/') + hash;
  }
  function markLinksForPrint() {
    var canonical = doc.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.getAttribute('href') : '';
    each(doc.querySelectorAll('.prose a[href]'), function (a) {
      var href = a.getAttribute('href');
      if (href.charAt(0) === '#') { return; }
      var url = absolute(base, href);
      if (/^https?:/i.test(url) && url !== (a.textContent || '').replace(/\s/g, '')) {
        a.setAttribute('data-print-url', url);
      }
    });
  }
  markLinksForPrint();
})();
