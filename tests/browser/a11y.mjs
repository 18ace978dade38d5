// Browser checks of built gongkai sites, as their readers meet them:
// axe-core (WCAG 2.1 A and AA) at 1280 and 320 px on every page type,
// layout at 320 px, at 200% zoom and in large-text mode, 44 px touch
// targets for every link and control outside running text, the target
// charts' size, keyboard focus, the large-text toggle across pages, read aloud,
// search (served and from file://), the no-JavaScript fallbacks, print, and
// screenshots of the main page types for people to look at.
//
// usage: node tests/browser/a11y.mjs [--shots DIR] [--only GROUP,...] NAME=SITE_DIR ...
// Groups: axe (with layout width and touch targets per page), layout, text,
// keyboard, read, search, nojs, print, targets, shots; all by default.
// Each site is served under /NAME/ (a sub-path, as on a government portal)
// by a small static server on 127.0.0.1. Chromium is Debian's.
// Prints one line per check and last 'N passed, M failed'; exits 1 on any failure.

import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve, extname, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const { AxeBuilder } = require('@axe-core/playwright');

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1280, 320];
const TEXT_SIZE_KEY = 'gongkai-text-size';

// --- arguments -----------------------------------------------------------
const args = process.argv.slice(2);
let shotsDir = resolve('target/screenshots');
let only = null; // --only axe,search,…: run some groups of checks (while working on the theme)
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--shots') { shotsDir = resolve(args[++i]); continue; }
  if (args[i] === '--only') { only = new Set(args[++i].split(',')); continue; }
  const [name, dir] = args[i].split('=');
  if (!name || !dir) { console.error(`bad argument: ${args[i]} (want NAME=SITE_DIR)`); process.exit(2); }
  sites.push({ name, dir: resolve(dir) });
}
if (!sites.length) { console.error('usage: node tests/browser/a11y.mjs [--shots DIR] NAME=SITE_DIR ...'); process.exit(2); }
mkdirSync(shotsDir, { recursive: true });

// --- results -------------------------------------------------------------
let passed = 0;
let failed = 0;
function check(ok, what, detail = '') {
  if (ok) { passed++; console.log(`ok   ${what}`); }
  else { failed++; console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`); }
  return ok;
}

// --- a static server for the built sites, each under /NAME/ ----------------
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8', '.json': 'application/json; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.pdf': 'application/pdf', '.txt': 'text/plain; charset=utf-8',
};
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const [, name, ...rest] = decodeURIComponent(url.pathname).split('/');
  const site = sites.find((s) => s.name === name);
  if (!site) { res.writeHead(404); res.end(); return; }
  let file = resolve(site.dir, rest.join('/'));
  if (file !== site.dir && !file.startsWith(site.dir + sep)) { res.writeHead(403); res.end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) { file = join(file, 'index.html'); }
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    res.end(readFileSync(join(site.dir, '404.html')));
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// --- the pages to look at ------------------------------------------------
function htmlFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) { out.push(...htmlFiles(dir, rel)); }
    else if (entry.name.endsWith('.html')) { out.push(rel); }
  }
  return out.sort();
}
// One kind per template: issue, note and target pages each count once.
function pageKind(path) {
  let m;
  if ((m = /^issues\/[^/]+\/index\.html$/.exec(path))) { return 'issue'; }
  if ((m = /^updates\/page\/\d+\/index\.html$/.exec(path))) { return 'updates-page'; }
  if ((m = /^updates\/[^/]+\/index\.html$/.exec(path))) { return 'note'; }
  if ((m = /^targets\/[^/]+\/index\.html$/.exec(path))) { return 'target'; }
  if ((m = /^cases\/batch\/[^/]+\/index\.html$/.exec(path))) { return 'case-batch'; }
  if ((m = /^cases\/[^/]+\/index\.html$/.exec(path))) { return 'case'; }
  return path;
}
function historyLength(site, path) {
  const html = readFileSync(join(site.dir, path), 'utf8');
  return (html.match(/id="?note-/g) || []).length;
}
// Every single page, plus the first page of each repeated kind and, for
// issues, the one with the longest history and one in a notice.
function samplePages(site) {
  const byKind = new Map();
  for (const p of htmlFiles(site.dir)) {
    const k = pageKind(p);
    if (!byKind.has(k)) { byKind.set(k, []); }
    byKind.get(k).push(p);
  }
  const pages = [];
  for (const [kind, list] of byKind) {
    pages.push(list[0]);
    // A target page with a chart, if the first has none.
    if (kind === 'target') {
      const charted = list.find((p) => /<svg/.test(readFileSync(join(site.dir, p), 'utf8')));
      if (charted && charted !== list[0]) { pages.push(charted); }
    }
    if (kind === 'issue' && list.length > 1) {
      const longest = [...list].sort((a, b) => historyLength(site, b) - historyLength(site, a))[0];
      if (longest !== list[0]) { pages.push(longest); }
      // One in its notice before closing (销号公示), if any.
      const noticed = list.find((p) => /class="?notice-box/.test(readFileSync(join(site.dir, p), 'utf8')));
      if (noticed && !pages.includes(noticed)) { pages.push(noticed); }
    }
  }
  return pages;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});

async function open(url, { width = 1280, height = 900, javaScriptEnabled = true, large = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled });
  // Any request that leaves the machine is a defect: the site must be self-contained.
  const external = [];
  await context.route(/^(?!http:\/\/127\.0\.0\.1|file:|data:|about:)/, (route) => {
    external.push(route.request().url());
    return route.abort();
  });
  if (large) { await context.addInitScript((key) => localStorage.setItem(key, 'large'), TEXT_SIZE_KEY); }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const resp = await page.goto(url);
  return { context, page, resp, external, errors };
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function axePage(site, path, width) {
  const url = `${origin}/${site.name}/${path}`;
  const { context, page, resp, external, errors } = await open(url, { width });
  const status = resp && resp.status();
  check(status === (path === '404.html' ? 200 : 200), `${site.name}/${path} @${width}: HTTP 200`, `HTTP ${status}`);
  const r = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const lines = r.violations.map((v) => `[${v.impact}] ${v.id} x${v.nodes.length}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  check(!r.violations.length, `${site.name}/${path} @${width}: axe-core, no WCAG 2.1 AA violation`, lines.join('; '));
  const over = await overflow(page);
  check(over <= 0, `${site.name}/${path} @${width}: nothing wider than the window`, `${over} px too wide`);
  check(!external.length, `${site.name}/${path} @${width}: no request leaves the site`, external.join(' '));
  check(!errors.length, `${site.name}/${path} @${width}: no script error`, errors.join(' '));
  const broken = await page.evaluate(brokenColumnHeadings);
  check(!broken.length, `${site.name}/${path} @${width}: no column heading breaks inside a word`, broken.slice(0, 5).join(', '));
  if (width === 320) {
    const small = await page.evaluate(smallTouchTargets);
    check(!small.length, `${site.name}/${path} @320: every link and control outside running text at least 44 × 44 px`, small.slice(0, 5).join(', '));
  }
  await context.close();
}

// Column headings (序号, 整改时限) are words: a visible column heading
// without spaces or punctuation, where a line could break, must be on one
// line. Measured on the rendered text, run in the page.
function brokenColumnHeadings() {
  return [...document.querySelectorAll('thead th, th[scope="col"]')]
    .filter((th) => th.offsetParent !== null && th.getClientRects().length > 0)
    .filter((th) => !/[\s，、（）()/·]/.test(th.textContent.trim()))
    .filter((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      return tops.size > 1;
    })
    .map((th) => `「${th.textContent.trim()}」`);
}

// Touch targets (WCAG 2.5.5, 44 × 44 CSS px), run in the page: every
// visible link, button, input, select and summary, except a link inline in
// running text. A link is inline in running text when its nearest text
// block (p, li, dd, dt, td, th, caption, figcaption, blockquote, heading)
// holds words (Han characters or letters) besides the text of its links and
// buttons, and that block either lies inside .prose (text the office wrote
// in markdown) or those words form a sentence (contain 。，！？). So
// 「也可以按整改进度、按责任单位查看全部问题。」 is running text, while
// 「2026-11-20 · 涉及 问题12」, a list item holding a link and a status tag, a
// table cell or heading holding a link, and a paragraph holding only links
// are not. Each line box of a link that wraps must be 44 px tall too: a
// finger aims at a line, not at the union of two. See docs/theme.md.
function smallTouchTargets() {
  const BLOCKS = 'p, li, dd, dt, td, th, caption, figcaption, blockquote, h1, h2, h3, h4, h5, h6';
  const inRunningText = (el) => {
    if (el.tagName !== 'A') { return false; }
    const block = el.parentElement && el.parentElement.closest(BLOCKS);
    if (!block) { return false; }
    let words = block.textContent;
    for (const c of block.querySelectorAll('a, button')) { words = words.replace(c.textContent, ''); }
    if (!/[\u4e00-\u9fffA-Za-z]/.test(words)) { return false; }
    return !!block.closest('.prose') || /[。，！？]/.test(words);
  };
  return [...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary')]
    .filter((e) => e.offsetParent !== null && !e.closest('.visually-hidden'))
    .filter((e) => !inRunningText(e))
    .map((e) => ({ e, r: e.getBoundingClientRect(), lines: [...e.getClientRects()] }))
    .filter(({ r, lines }) => r.width < 44 || r.height < 43.5 || lines.some((l) => l.height < 43.5))
    .map(({ e, r, lines }) => {
      const where = e.parentElement ? `${e.parentElement.tagName.toLowerCase()}${e.parentElement.className ? `.${e.parentElement.className}` : ''} > ` : '';
      return `${where}${e.tagName.toLowerCase()}「${(e.textContent || e.value || '').trim().slice(0, 12)}」${Math.round(r.width)}×${Math.round(r.height)}${lines.length > 1 ? ` in ${lines.length} lines` : ''}`;
    });
}

async function layoutAt(site, path, width, large) {
  const { context, page } = await open(`${origin}/${site.name}/${path}`, { width, large });
  const over = await overflow(page);
  check(over <= 0, `${site.name}/${path} @${width}${large ? ' large text' : ''}: layout intact`, `${over} px too wide`);
  await context.close();
}

async function textSizes(site) {
  const base = `${origin}/${site.name}/`;
  const { context, page } = await open(`${base}index.html`, { width: 1280 });
  const m = await page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return { size: parseFloat(s.fontSize), lh: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
  });
  check(m.size >= 16, `${site.name}: body text at least 16 px`, `${m.size} px`);
  check(m.lh >= 1.6 && m.lh <= 1.8, `${site.name}: line height 1.6–1.8`, `${m.lh.toFixed(2)}`);
  const toggle = page.locator('.text-size-toggle');
  check(await toggle.isVisible(), `${site.name}: large-text toggle visible`);
  check(await toggle.getAttribute('aria-pressed') === 'false', `${site.name}: toggle starts not pressed`);
  await toggle.click();
  check(await toggle.getAttribute('aria-pressed') === 'true', `${site.name}: toggle pressed after a click`);
  const large = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  check(large >= 20, `${site.name}: large text at least 20 px`, `${large} px`);
  // Remembered on the next page, applied before the first paint (the class
  // is on <html> when the DOM is first parsed), and the toggle says so.
  await page.goto(`${base}issues/index.html`, { waitUntil: 'commit' });
  const early = await page.evaluate(() => document.documentElement.className);
  await page.waitForLoadState('load');
  check(/\blarge-text\b/.test(early), `${site.name}: large text applied before first paint on the next page`, early);
  check(await page.locator('.text-size-toggle').getAttribute('aria-pressed') === 'true', `${site.name}: toggle pressed on the next page`);
  const nextSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  check(nextSize >= 20, `${site.name}: large text on the next page`, `${nextSize} px`);
  // Independent of the browser's zoom: a pinch or Ctrl+ still works on top.
  await page.locator('.text-size-toggle').click();
  await page.goto(`${base}index.html`);
  check(await page.evaluate(() => !document.documentElement.classList.contains('large-text')), `${site.name}: normal text again after switching off`);
  await context.close();
}

async function keyboard(site) {
  const { context, page } = await open(`${origin}/${site.name}/index.html`, { width: 1280 });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const e = document.activeElement;
    const r = e.getBoundingClientRect();
    return { cls: e.className, visible: r.top >= 0 && r.left >= 0 && r.width > 0 && r.bottom <= innerHeight };
  });
  check(first.cls === 'skip-link' && first.visible, `${site.name}: first Tab shows the skip link`, JSON.stringify(first));
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.id === 'main' || location.hash === '#main'), `${site.name}: skip link moves to the main content`);
  await page.goto(`${origin}/${site.name}/index.html`);
  const invisible = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      return { tag: e.tagName, text: (e.textContent || '').trim().slice(0, 10), ring };
    });
    if (f.tag === 'BODY') { break; }
    if (!f.ring) { invisible.push(`${f.tag}「${f.text}」`); }
  }
  check(!invisible.length, `${site.name}: keyboard focus always visible`, invisible.join(', '));
  await context.close();
}

async function readAloud(site, issuePath, notePath) {
  for (const path of [issuePath, notePath]) {
    const { context, page } = await open(`${origin}/${site.name}/${path}`);
    const can = await page.evaluate(() => 'speechSynthesis' in window);
    const shown = await page.locator('.read-aloud').isVisible();
    check(shown === can, `${site.name}/${path}: 朗读 button shown exactly where speech synthesis exists`, `speech ${can}, shown ${shown}`);
    if (shown) {
      await page.evaluate(() => {
        // Record what would be spoken; headless Chromium has no voices to play it.
        window.__spoken = [];
        speechSynthesis.speak = (u) => window.__spoken.push({ lang: u.lang, text: u.text });
      });
      await page.locator('[data-read-action="toggle"]').click();
      const spoken = await page.evaluate(() => window.__spoken);
      const h1 = (await page.locator('h1').innerText()).trim();
      check(spoken.length > 0 && spoken.every((u) => u.lang === 'zh-CN') && spoken[0].text.includes(h1.slice(0, 6)),
        `${site.name}/${path}: reads the article in zh-CN, starting with its title`, JSON.stringify(spoken.slice(0, 1)));
      check(await page.locator('[data-read-action="stop"]').isVisible(), `${site.name}/${path}: a stop button while reading`);
      check(await page.locator('[data-read-action="toggle"]').innerText() === '暂停朗读', `${site.name}/${path}: the button pauses while reading`);
    }
    await context.close();
  }
  const { context, page } = await open(`${origin}/${site.name}/index.html`);
  check(await page.locator('.read-aloud').count() === 0, `${site.name}: no 朗读 button on the home page`);
  await context.close();
}

async function searchWorks(site) {
  // The first issue of the ledger, found by a few characters of its title.
  const first = await open(`${origin}/${site.name}/issues/index.html`);
  const row = await first.page.$eval('table.ledger tbody th a', (a) => ({ href: a.getAttribute('href'), title: a.textContent }))
    .catch(() => null);
  await first.context.close();
  if (!check(!!row, `${site.name}: ledger has an issue to search for`)) { return; }
  const want = row.href.replace(/^\.\.\//, '');
  const query = row.title.replace(/[^\u4e00-\u9fff]/g, '').slice(0, 6);
  const urls = {
    served: `${origin}/${site.name}/search/index.html?q=${encodeURIComponent(query)}`,
    'file://': `${pathToFileURL(join(site.dir, 'search/index.html')).href}?q=${encodeURIComponent(query)}`,
  };
  // The index is loaded in pieces as the query needs them: wait for the answer.
  const answered = (page) => page.waitForFunction(() => {
    const s = document.getElementById('search-status').textContent;
    return s && s !== '正在搜索……';
  }, null, { timeout: 10000 }).catch(() => {});
  for (const [how, url] of Object.entries(urls)) {
    const { context, page } = await open(url, { width: 1280 });
    await answered(page);
    const links = await page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
    check(links.slice(0, 3).includes(`../${want}`), `${site.name}: search (${how}) for “${query}” finds ${want}`, links.slice(0, 3).join(' '));
    check((await page.locator('#search-status').innerText()).includes('找到'), `${site.name}: search (${how}) says how many it found`);
    await context.close();
  }
  // Typing a query and pressing Enter, in the header of another page.
  const { context, page } = await open(`${origin}/${site.name}/index.html`, { width: 1280 });
  await page.fill('#site-search-q', query);
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL(/search\/index\.html/);
  await page.waitForSelector('#search-results li');
  check(await page.locator('#search-results li').count() > 0, `${site.name}: the header search box leads to results`);
  await page.fill('#search-q', 'zqxjkvw');
  await page.press('#search-q', 'Enter');
  await answered(page);
  check((await page.locator('#search-status').innerText()).includes('没有找到'), `${site.name}: a query without results says so`);
  await context.close();
}

async function withoutScript(site) {
  const { context, page } = await open(`${origin}/${site.name}/search/index.html`, { javaScriptEnabled: false });
  check(await page.locator('.nojs-only').isVisible(), `${site.name}: without JavaScript the search page says so`);
  for (const path of ['issues/index.html', 'issues/status.html', 'issues/units.html']) {
    check(await page.locator(`.search-browse a[href="../${path}"]`).count() === 1, `${site.name}: without JavaScript the search page points to ${path}`);
  }
  await page.goto(`${origin}/${site.name}/index.html`);
  check(!(await page.locator('.text-size-toggle').isVisible()), `${site.name}: without JavaScript no dead large-text button`);
  await context.close();
}

async function print(site, issuePath) {
  const { context, page } = await open(`${origin}/${site.name}/${issuePath}`);
  await page.emulateMedia({ media: 'print' });
  check(await page.evaluate(() => getComputedStyle(document.querySelector('.site-nav')).display === 'none'), `${site.name}: navigation hidden in print`);
  check(await page.locator('#history').isVisible(), `${site.name}: history printed`);
  // Sample data must not pass for official data on paper either.
  if (await page.locator('.sample-banner').count()) {
    const banner = await page.evaluate(() => {
      const b = document.querySelector('.sample-banner');
      const s = getComputedStyle(b);
      return {
        height: b.getBoundingClientRect().height, display: s.display, border: `${s.borderTopStyle} ${s.borderTopWidth}`,
        color: getComputedStyle(b.querySelector('p')).color, background: s.backgroundColor, text: b.textContent.trim().slice(0, 4),
      };
    });
    check(banner.height > 0 && banner.text === '示例数据' && banner.border.startsWith('solid') && banner.color === 'rgb(0, 0, 0)'
      && ['rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'].includes(banner.background),
    `${site.name}: the sample-data banner is printed, black on white with a border`, JSON.stringify(banner));
  }
  await context.close();
  // Link targets printed, as absolute URLs.
  const pages = htmlFiles(site.dir).filter((p) => /class="?[^>"]*prose/.test(readFileSync(join(site.dir, p), 'utf8')) && /<div class="?prose"?[^>]*>(?:(?!<\/div>)[\s\S])*<a href/.test(readFileSync(join(site.dir, p), 'utf8')));
  if (pages.length) {
    const { context: c2, page: p2 } = await open(`${origin}/${site.name}/${pages[0]}`);
    await p2.emulateMedia({ media: 'print' });
    const after = await p2.evaluate(() => {
      const a = document.querySelector('.prose a[data-print-url]');
      return a ? getComputedStyle(a, '::after').content : '';
    });
    check(/https?:\/\//.test(after), `${site.name}/${pages[0]}: link targets printed as absolute URLs`, after);
    await c2.close();
  }
  // The summary fits one landscape page.
  const { context: c3, page: p3 } = await open(`${origin}/${site.name}/issues/print.html`);
  const pdf = await p3.pdf({ preferCSSPageSize: true, printBackground: false });
  const count = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  check(count === 1, `${site.name}: the printable summary is one page`, `${count} pages`);
  await c3.close();
}

// A target's chart is drawn twice (src/render/chart.rs); the stylesheet
// shows the narrow one on a phone and the wide one on a desktop, each as
// wide as the content, with its text at a readable size.
async function targetCharts(site) {
  const pages = htmlFiles(site.dir).filter((p) => pageKind(p) === 'target' && /<svg/.test(readFileSync(join(site.dir, p), 'utf8')));
  for (const path of pages) {
    for (const width of WIDTHS) {
      const { context, page } = await open(`${origin}/${site.name}/${path}`, { width });
      const shown = await page.evaluate(() => {
        const main = document.querySelector('main');
        const m = getComputedStyle(main);
        const content = main.clientWidth - parseFloat(m.paddingLeft) - parseFloat(m.paddingRight);
        return [...document.querySelectorAll('figure.target-chart svg')]
          .filter((svg) => svg.getBoundingClientRect().width > 0)
          .map((svg) => {
            const w = svg.getBoundingClientRect().width;
            const px = parseFloat(svg.getAttribute('font-size')) * w / svg.viewBox.baseVal.width;
            return { size: svg.getAttribute('class').replace('target-chart-svg chart-', ''), width: Math.round(w), content: Math.round(content), px: +px.toFixed(1) };
          });
      });
      const want = width === 320 ? 'narrow' : 'wide';
      const ok = shown.length === 1 && shown[0].size === want && shown[0].width >= shown[0].content - 1 && shown[0].px >= 14.5 && shown[0].px <= 21;
      check(ok, `${site.name}/${path} @${width}: the ${want} chart alone, as wide as the content, text 14.5–21 px`, JSON.stringify(shown));
      const clashes = await page.evaluate(chartLabelClashes);
      check(!clashes.length, `${site.name}/${path} @${width}: every chart label readable (inside the chart, clear of the other labels, the points and the line)`, clashes.slice(0, 4).join('; '));
      await context.close();
    }
  }
}

// The labels of the chart shown, measured as drawn: the renderer places
// them by an estimate of their width; this measures the ink of every label
// in the page's own font (canvas measureText at the size it is shown) and
// checks that each is inside the drawing, clear of the other labels (with a
// gap of a quarter of the text size, so that 「93.2」「92.9」 never read as one
// number), of the points, and, for values and the target, of the line
// through the points. Run in the page.
function chartLabelClashes() {
  const svg = [...document.querySelectorAll('figure.target-chart svg')].find((s) => s.getBoundingClientRect().width > 0);
  if (!svg) { return []; }
  const ctm = svg.getScreenCTM();
  const toScreen = (x, y) => ({ x: ctm.a * x + ctm.c * y + ctm.e, y: ctm.b * x + ctm.d * y + ctm.f });
  const ctx = document.createElement('canvas').getContext('2d');
  const ink = (t) => {
    const style = getComputedStyle(t);
    const size = parseFloat(style.fontSize) * ctm.a;
    ctx.font = `${style.fontWeight} ${size}px ${style.fontFamily}`;
    ctx.textAlign = { start: 'left', middle: 'center', end: 'right' }[t.getAttribute('text-anchor') || 'start'];
    ctx.textBaseline = 'alphabetic';
    const m = ctx.measureText(t.textContent);
    const at = toScreen(parseFloat(t.getAttribute('x')), parseFloat(t.getAttribute('y')));
    return { left: at.x - m.actualBoundingBoxLeft, right: at.x + m.actualBoundingBoxRight, top: at.y - m.actualBoundingBoxAscent, bottom: at.y + m.actualBoundingBoxDescent, size };
  };
  const name = (e) => `「${e.textContent.trim()}」`;
  const overlap = (a, b, gap = 0) => a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom && b.top < a.bottom;
  const values = [...svg.querySelectorAll('g.point text')];
  const labels = [...values, ...svg.querySelectorAll('.target-label, .deadline-label, .unit-label')];
  const dots = [...svg.querySelectorAll('g.point circle')].map((c) => {
    const at = toScreen(parseFloat(c.getAttribute('cx')), parseFloat(c.getAttribute('cy')));
    const r = parseFloat(c.getAttribute('r')) * ctm.a;
    return { left: at.x - r, right: at.x + r, top: at.y - r, bottom: at.y + r };
  });
  const line = svg.querySelector('polyline.chart-line');
  const pts = (line ? line.getAttribute('points').trim().split(/\s+/) : []).map((p) => {
    const [x, y] = p.split(',').map(Number);
    return toScreen(x, y);
  });
  // Whether the segment a–b passes through the rectangle r.
  const crosses = (a, b, r) => {
    let [t0, t1] = [0, 1];
    const d = { x: b.x - a.x, y: b.y - a.y };
    for (const [p, q] of [[-d.x, a.x - r.left], [d.x, r.right - a.x], [-d.y, a.y - r.top], [d.y, r.bottom - a.y]]) {
      if (p === 0) { if (q < 0) { return false; } continue; }
      const t = q / p;
      if (p < 0) { t0 = Math.max(t0, t); } else { t1 = Math.min(t1, t); }
      if (t0 > t1) { return false; }
    }
    return true;
  };
  const out = [];
  const frame = svg.getBoundingClientRect();
  const boxes = new Map(labels.map((l) => [l, ink(l)]));
  for (const l of labels) {
    const r = boxes.get(l);
    if (r.left < frame.left || r.right > frame.right || r.top < frame.top || r.bottom > frame.bottom) {
      out.push(`${name(l)} outside the chart`);
    }
  }
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
    const [ra, rb] = [boxes.get(a), boxes.get(b)];
    if (overlap(ra, rb, Math.min(ra.size, rb.size) * 0.25)) { out.push(`${name(a)} touches ${name(b)}`); }
  }));
  for (const v of values) {
    dots.forEach((d, j) => { if (overlap(boxes.get(v), d)) { out.push(`${name(v)} over point ${j + 1}`); } });
  }
  for (const l of [...values, ...svg.querySelectorAll('.target-label')]) {
    for (let k = 1; k < pts.length; k++) {
      if (crosses(pts[k - 1], pts[k], boxes.get(l))) { out.push(`${name(l)} crossed by the line`); break; }
    }
  }
  return out;
}

async function screenshots(site, issuePath, notePath) {
  const shots = [
    ['home', 'index.html'], ['ledger', 'issues/index.html'], ['ledger-progress', 'issues/status.html'],
    ['ledger-units', 'issues/units.html'], ['issue', issuePath], ['updates', 'updates/index.html'], ['note', notePath],
    ['page', existsSync(join(site.dir, 'accessibility/index.html')) ? 'accessibility/index.html' : null],
    ['search', `search/index.html?q=${encodeURIComponent('整改')}`], ['print-summary', 'issues/print.html'], ['404', 'missing/'],
    ['targets', existsSync(join(site.dir, 'targets/index.html')) ? 'targets/index.html' : null],
    ['target', htmlFiles(site.dir).find((p) => pageKind(p) === 'target' && /<svg/.test(readFileSync(join(site.dir, p), 'utf8'))) || null],
    ['data', 'data/index.html'], ['subscribe', 'data/subscribe/index.html'],
    ['release', existsSync(join(site.dir, 'release.html')) ? 'release.html' : null],
    ['cases', existsSync(join(site.dir, 'cases/index.html')) ? 'cases/index.html' : null],
    ['case-batch', htmlFiles(site.dir).find((p) => pageKind(p) === 'case-batch') || null],
    ['case', htmlFiles(site.dir).find((p) => pageKind(p) === 'case') || null],
  ];
  const written = [];
  for (const width of WIDTHS) {
    for (const [name, path] of shots) {
      if (!path) { continue; }
      const { context, page } = await open(`${origin}/${site.name}/${path}`, { width, height: 900 });
      const file = join(shotsDir, `${site.name}-${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
      await context.close();
    }
    for (const [name, path] of [['home', 'index.html'], ['issue', issuePath]]) {
      const { context, page } = await open(`${origin}/${site.name}/${path}`, { width, height: 900, large: true });
      const file = join(shotsDir, `${site.name}-${name}-large-text-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
      await context.close();
    }
  }
  const { context, page } = await open(`${origin}/${site.name}/issues/print.html`);
  await page.pdf({ path: join(shotsDir, `${site.name}-print-summary.pdf`), preferCSSPageSize: true });
  await context.close();
  check(written.length > 0, `${site.name}: ${written.length} screenshots written to ${shotsDir}`);
}

for (const site of sites) {
  const pages = samplePages(site);
  const issues = pages.filter((p) => pageKind(p) === 'issue');
  const issuePath = issues[issues.length - 1];
  const notePath = pages.find((p) => pageKind(p) === 'note');
  const run = (group) => !only || only.has(group);
  if (run('axe')) {
    for (const width of WIDTHS) {
      for (const path of pages) { await axePage(site, path, width); }
    }
  }
  // 200% zoom of a 1280 px window is a 640 px one; large text on a phone.
  if (run('layout')) {
    for (const path of ['index.html', 'issues/index.html', issuePath, 'search/index.html']) {
      await layoutAt(site, path, 640, false);
      await layoutAt(site, path, 640, true);
      await layoutAt(site, path, 320, true);
    }
  }
  if (run('text')) { await textSizes(site); }
  if (run('keyboard')) { await keyboard(site); }
  if (run('read')) { await readAloud(site, issuePath, notePath); }
  if (run('search')) { await searchWorks(site); }
  if (run('nojs')) { await withoutScript(site); }
  if (run('print')) { await print(site, issuePath); }
  if (run('targets')) { await targetCharts(site); }
  if (run('shots')) { await screenshots(site, issuePath, notePath); }
}

await browser.close();
server.close();
console.log(`screenshots: ${shotsDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
