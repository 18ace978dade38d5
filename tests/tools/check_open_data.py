"""Checks a built site's feeds and calendar with independent parsers.

Usage: python3 check_open_data.py SITE_DIR BASE_URL FILE...
FILE is relative to SITE_DIR: `*.xml` is checked as an RSS 2.0 feed
(feedparser, plus a strict XML parse), `*.ics` as an iCalendar file (the
`icalendar` package, plus the line rules of RFC 5545).

Prints a JSON report of what the parsers read, so that the Rust tests can
compare it with exact expected values, and exits 1 if any check failed.
"""

import datetime
import email.utils
import html.parser
import json
import re
import sys
import xml.etree.ElementTree as ET

import feedparser
import icalendar

RFC822_BEIJING = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0800$"
)
ATOM = "{http://www.w3.org/2005/Atom}"


class Links(html.parser.HTMLParser):
    """Every href and src in an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src"):
                self.urls.append(value or "")


def check_feed(site, base, rel, errors):
    def err(message):
        errors.append(f"{rel}: {message}")

    path = f"{site}/{rel}"
    with open(path, "rb") as f:
        raw = f.read()
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        err(f"not well-formed XML: {e}")
        return None
    parsed = feedparser.parse(raw)
    if parsed.bozo:
        err(f"feedparser: not well-formed: {parsed.bozo_exception}")
    if parsed.version != "rss20":
        err(f"version {parsed.version!r}, expected rss20")
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        err("root is not <rss version=\"2.0\"><channel>")
        return None

    def text(parent, tag):
        node = parent.find(tag)
        return None if node is None else (node.text or "")

    for tag in ("title", "link", "description", "language", "lastBuildDate"):
        if not text(channel, tag):
            err(f"channel misses <{tag}>")
    if text(channel, "language") != "zh-cn":
        err(f"channel language {text(channel, 'language')!r}, expected zh-cn")
    if not (text(channel, "link") or "").startswith(base):
        err(f"channel link {text(channel, 'link')!r} is not under {base}")
    last_build = text(channel, "lastBuildDate") or ""
    if not RFC822_BEIJING.match(last_build):
        err(f"lastBuildDate {last_build!r} is not RFC 822 in +0800")
    selfs = [l.get("href") for l in channel.findall(f"{ATOM}link") if l.get("rel") == "self"]
    if selfs != [base + rel]:
        err(f"atom:link rel=self is {selfs}, expected [{base + rel!r}]")

    items = []
    guids = set()
    previous = None
    for i, item in enumerate(channel.findall("item")):
        entry = parsed.entries[i] if i < len(parsed.entries) else {}
        title, link = text(item, "title"), text(item, "link")
        guid_node = item.find("guid")
        guid = None if guid_node is None else guid_node.text
        pub = text(item, "pubDate") or ""
        description = text(item, "description") or ""
        if not title:
            err(f"item {i}: no <title>")
        if not (link or "").startswith(base):
            err(f"item {i}: link {link!r} is not under {base}")
        if guid != link:
            err(f"item {i}: guid {guid!r} is not the link")
        if guid_node is not None and guid_node.get("isPermaLink", "true") != "true":
            err(f"item {i}: guid is not a permalink")
        if guid in guids:
            err(f"item {i}: duplicate guid {guid}")
        guids.add(guid)
        if not RFC822_BEIJING.match(pub):
            err(f"item {i}: pubDate {pub!r} is not RFC 822 in +0800")
        else:
            when = email.utils.parsedate_to_datetime(pub)
            if previous is not None and when > previous:
                err(f"item {i}: not newest first")
            previous = when
            if i == 0 and pub != last_build:
                err(f"lastBuildDate {last_build!r} is not the newest item's date {pub!r}")
        links = Links()
        links.feed(description)
        for url in links.urls:
            if not url.startswith(("http://", "https://")):
                err(f"item {i}: relative link {url!r} in the description")
        if entry and entry.get("title") != title:
            err(f"item {i}: feedparser reads title {entry.get('title')!r}, XML has {title!r}")
        items.append(
            {
                "title": entry.get("title"),
                "link": entry.get("link"),
                "guid": entry.get("id"),
                "published": entry.get("published"),
                "categories": [t.term for t in entry.get("tags", [])],
                "description": entry.get("summary"),
            }
        )
    if len(parsed.entries) != len(items):
        err(f"feedparser reads {len(parsed.entries)} items, XML has {len(items)}")
    return {
        "title": parsed.feed.get("title"),
        "link": parsed.feed.get("link"),
        "description": parsed.feed.get("subtitle"),
        "language": parsed.feed.get("language"),
        "last_build": last_build,
        "items": items,
    }


def check_calendar(site, rel, errors):
    def err(message):
        errors.append(f"{rel}: {message}")

    with open(f"{site}/{rel}", "rb") as f:
        raw = f.read()
    if not raw.endswith(b"\r\n") or raw.count(b"\n") != raw.count(b"\r\n"):
        err("lines must end in CRLF")
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            err(f"line {n} is {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            err(f"line {n} is folded inside a UTF-8 character")
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except ValueError as e:
        err(f"icalendar cannot parse it: {e}")
        return None
    for key in ("VERSION", "PRODID"):
        if key not in calendar:
            err(f"calendar misses {key}")
    events = []
    uids = set()
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        if not uid or uid in uids:
            err(f"missing or duplicate UID {uid!r}")
        uids.add(uid)
        start, end = event.get("DTSTART"), event.get("DTEND")
        stamp = event.get("DTSTAMP")
        if start is None or type(start.dt) is not datetime.date:
            err(f"{uid}: DTSTART is not a date (all-day event)")
            continue
        if end is None or end.dt != start.dt + datetime.timedelta(days=1):
            err(f"{uid}: DTEND is not the day after DTSTART")
        if stamp is None or stamp.dt.tzinfo is None or stamp.dt.utcoffset() != datetime.timedelta(0):
            err(f"{uid}: DTSTAMP is not in UTC")
            continue
        events.append(
            {
                "uid": uid,
                "start": start.dt.isoformat(),
                "stamp": stamp.dt.strftime("%Y%m%dT%H%M%SZ"),
                "summary": str(event.get("SUMMARY", "")),
                "description": str(event.get("DESCRIPTION", "")),
                "url": str(event.get("URL", "")),
                "sequence": int(event.get("SEQUENCE", -1)),
                "categories": [str(c) for c in event.get("CATEGORIES").cats] if event.get("CATEGORIES") else [],
            }
        )
    return {"name": str(calendar.get("X-WR-CALNAME", "")), "events": events}


def main():
    site, base, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    errors = []
    report = {}
    for rel in files:
        if rel.endswith(".ics"):
            report[rel] = check_calendar(site, rel, errors)
        else:
            report[rel] = check_feed(site, base, rel, errors)
    print(json.dumps({"errors": errors, "files": report}, ensure_ascii=False))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
