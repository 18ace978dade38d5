#!/usr/bin/env python3
"""Writes a deterministic synthetic site for the benchmarks.

usage: gen-site.py DIR ISSUES [--cases N] [--hugo HUGO_DIR]

A province-sized disclosure in the content format: ISSUES problems in
categories, about five notes each (status changes, moved deadlines,
milestones, lists and tables in their text), general notes, ten targets,
two free pages, and as many 交办件 as problems (or N; 0 for no 交办件
section), in CSV batch tables of 500.
The text is Chinese, assembled from the phrases offices write, so that the
search index and the pages have a realistic size; the same ISSUES always
give the same bytes.

With --hugo, the same corpus is also written as a minimal Hugo site
(issue, note and case pages, paginated lists), for a comparison built in
the same run.
"""
import os
import sys
from datetime import date, timedelta

CATEGORIES = ["大气污染防治", "水污染防治", "土壤与固体废物污染防治", "生态保护与修复", "环境监管执法"]
UNITS = ["市生态环境局", "市水利局", "市住房和城乡建设局", "市农业农村局", "市林业和草原局",
         "市自然资源局", "市工业和信息化局", "市城市管理局", "市交通运输局", "市发展和改革委员会"]
PLACES = ["洮北区", "洮南市", "大安市", "镇赉县", "通榆县", "经济开发区", "查干浩特旅游经济开发区"]
THINGS = ["燃煤锅炉", "污水处理厂", "垃圾填埋场", "畜禽养殖场", "黑臭水体", "工业固体废物堆场", "建筑施工工地",
          "饮用水水源保护区", "自然保护区", "湿地", "挥发性有机物排放企业", "入河排污口"]
PROBLEMS = ["整改不到位", "监管不严", "设施运行不正常", "存在违规建设", "排放超标", "治理进度滞后"]
ACTIONS = ["组织开展现场核查", "制定专项整治方案", "完成设施提标改造", "建立长效监管机制", "开展联合执法检查",
           "完成问题点位清理", "委托第三方开展监测", "约谈相关责任单位", "完成资料归档备查", "召开专题推进会"]
RESULTS = ["出水水质稳定达到一级A标准", "监测数据全部达标", "群众反映的问题已解决", "整改措施已全部落实",
           "相关资料已报送市督察整改办", "未发现问题反弹"]
STATUSES = ["in-progress", "basically-done", "done", "closed", "ongoing", "reopened"]
START = date(2023, 8, 1)
AS_OF = date(2026, 11, 29)


class Rand:
    """A small LCG: the same corpus on every machine and Python."""

    def __init__(self, seed):
        self.s = (seed * 2654435761 + 12345) % 2**32

    def next(self, n):
        self.s = (self.s * 1103515245 + 12345) % 2**31
        return self.s % n

    def pick(self, items):
        return items[self.next(len(items))]


def sentence(r):
    return (f"{r.pick(PLACES)}{r.pick(THINGS)}{r.pick(PROBLEMS)}的问题，{r.pick(UNITS)}{r.pick(ACTIONS)}，"
            f"{r.pick(ACTIONS)}，{r.pick(RESULTS)}。")


def paragraph(r, n):
    return "".join(sentence(r) for _ in range(n))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def note_body(r, i, n):
    parts = [paragraph(r, 3)]
    if n % 2 == 0:
        parts.append("\n".join(f"{k + 1}. {r.pick(ACTIONS)}，{r.pick(RESULTS)}；" for k in range(4)))
    if n % 3 == 1:
        rows = "\n".join(f"| {r.pick(PLACES)} | {r.next(40) + 1} | {r.pick(RESULTS)} |" for _ in range(4))
        parts.append(f"| 地区 | 点位数 | 完成情况 |\n|---|---:|---|\n{rows}")
    parts.append(f"详见[问题页面](/issues/{i:05}/)。")
    return "\n\n".join(parts) + "\n"


def main():
    args = sys.argv[1:]
    hugo = None
    if "--hugo" in args:
        k = args.index("--hugo")
        hugo = args[k + 1]
        del args[k:k + 2]
    cases = None
    if "--cases" in args:
        k = args.index("--cases")
        cases = int(args[k + 1])
        del args[k:k + 2]
    root, issues = args[0], int(args[1])
    if cases is None:
        cases = issues
    if os.path.exists(root):
        sys.exit(f"{root} exists")
    c = os.path.join(root, "content")
    write(os.path.join(c, "site.yaml"), f"""title: 基准测试省督察整改信息公开
base_url: https://www.example.gov.cn/bench/
sample: true
categories: [{", ".join(CATEGORIES)}]
plan_date: 2023-07-17
""")
    for t in range(10):
        obs = "\n".join(
            f"  - {{date: {2023 + y}-12-31, period: {2023 + y}年, value: {30 - y - t * 0.1:.1f}}}" for y in range(3))
        write(os.path.join(c, "targets", f"t{t:02}.yaml"), f"""name: 指标{t}年均浓度
unit: 微克/立方米
target: {{value: 25, comparison: "<", by: 2025-12-31}}
baseline: {{date: 2022-12-31, period: 2022年, value: 31}}
observations:
{obs}
""")
    hugo_pages = []  # (section, slug, title, date, body)
    for i in range(1, issues + 1):
        r = Rand(i)
        deadline = START + timedelta(days=120 + (i * 37) % 900)
        title = f"{r.pick(PLACES)}{r.pick(THINGS)}{r.pick(PROBLEMS)}"
        description = paragraph(r, 4)
        goal = paragraph(r, 1)
        measures = [f"{r.pick(ACTIONS)}，{r.pick(RESULTS)}。" for _ in range(3 + r.next(3))]
        measure_lines = "\n".join(f"  - {m}" for m in measures)
        write(os.path.join(c, "issues", f"{i:05}.yaml"), f"""number: {i}
title: {title}
category: {CATEGORIES[i % len(CATEGORIES)]}
kind: short-term
deadline: {deadline}
responsible:
  lead: [{UNITS[i % len(UNITS)]}]
  support: [{UNITS[(i + 3) % len(UNITS)]}, {UNITS[(i + 7) % len(UNITS)]}]
description: |
  {description}
goal: |
  {goal}
measures:
{measure_lines}
milestones:
  - {{date: {START + timedelta(days=60 + i % 30)}, goal: 完成排查建档}}
  - {{date: {START + timedelta(days=200 + i % 60)}, goal: 完成主体工程}}
targets: [t{i % 10:02}]
""")
        hugo_pages.append(("issues", f"{i:05}", f"问题{i}：{title}", START,
                           f"{description}\n\n{goal}\n\n" + "\n".join(f"- {m}" for m in measures)))
        notes = 3 + (i * 7) % 5  # 3 to 7, 5 on average
        for n in range(notes):
            day = START + timedelta(days=10 + (i * 13 + n * 97) % 1180)
            extra = ""
            if n == notes - 1:
                extra = f"status: {STATUSES[i % len(STATUSES)]}\n"
            elif n == 1 and i % 4 == 0:
                extra = f"deadline: {deadline + timedelta(days=180)}\n"
            elif n == 0:
                extra = "milestones: [1]\n"
            slug = f"{day}-i{i:05}-{n}"
            body = note_body(r, i, n)
            ntitle = f"问题{i}{r.pick(ACTIONS)}"
            write(os.path.join(c, "notes", str(day.year), f"{slug}.md"), f"""---
title: {ntitle}
date: {day} 09:30
issues: ["{i:05}"]
{extra}source: {UNITS[i % len(UNITS)]}
---
{body}""")
            hugo_pages.append(("updates", slug, ntitle, day, body))
    for g in range(max(1, issues // 20)):
        r = Rand(10**7 + g)
        day = START + timedelta(days=(g * 11) % 1180)
        body = paragraph(r, 5) + "\n"
        write(os.path.join(c, "notes", "general", f"g{g:05}.md"),
              f"---\ntitle: 整改工作通报（第{g + 1}期）\ndate: {day}\n---\n{body}")
        hugo_pages.append(("updates", f"g{g:05}", f"整改工作通报（第{g + 1}期）", day, body))
    write(os.path.join(c, "pages", "plan.md"), f"---\ntitle: 整改方案\norder: 1\n---\n{paragraph(Rand(1), 30)}\n")
    write(os.path.join(c, "pages", "about.md"), f"---\ntitle: 关于本站\norder: 2\n---\n{paragraph(Rand(2), 3)}\n")

    # 交办件: 500 a batch, as CSV tables, each naming a problem.
    batches = (cases + 499) // 500
    tables = []
    for b in range(batches):
        received = START - timedelta(days=60 - b)
        rows = ["受理编号,交办问题基本情况,行政区域,污染类型,调查核实情况,是否属实,处理和整改情况,问责情况,办理状态,关联问题"]
        for k in range(b * 500, min(cases, (b + 1) * 500)):
            r = Rand(10**8 + k)
            summary = sentence(r)
            truth = r.pick(["属实", "基本属实", "部分属实", "不属实"])
            state = r.pick(["已办结", "阶段性办结"])
            rows.append(f"JB{k + 1:06},{summary},{r.pick(PLACES)},{r.pick(['大气', '水', '土壤', '噪声', '生态'])},"
                        f"{sentence(r)},{truth},{sentence(r)}{sentence(r)},,{state},{k % issues + 1:05}")
            hugo_pages.append(("cases", f"jb{k + 1:06}", f"交办件 JB{k + 1:06}", received, summary))
        name = f"第{b + 1:03}批.csv"
        write(os.path.join(c, "cases", name), "\r\n".join(rows) + "\r\n")
        tables.append(f"  - {{file: {name}, batch: {b + 1}, received: {received}, published: {received + timedelta(days=4)}}}")
    if tables:
        write(os.path.join(c, "cases", "cases.yaml"), "title: 督察交办信访件办理情况\ntables:\n" + "\n".join(tables) + "\n")

    if hugo:
        write_hugo(hugo, hugo_pages)


def write_hugo(root, pages):
    """The same pages in a minimal Hugo site: a base template with the
    header and navigation, a page template, lists of 20 a page."""
    if os.path.exists(root):
        sys.exit(f"{root} exists")
    write(os.path.join(root, "hugo.toml"), """baseURL = "https://www.example.gov.cn/bench/"
languageCode = "zh-cn"
title = "基准测试省督察整改信息公开"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
paginate = 20
[markup.goldmark.renderer]
unsafe = false
""")
    write(os.path.join(root, "layouts", "_default", "baseof.html"), """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<nav><a href="{{ "/issues/" | relURL }}">整改台账</a> <a href="{{ "/updates/" | relURL }}">整改进展</a> <a href="{{ "/cases/" | relURL }}">交办件</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""")
    write(os.path.join(root, "layouts", "_default", "single.html"),
          '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>{{ .Content }}{{ end }}\n')
    write(os.path.join(root, "layouts", "_default", "list.html"), """{{ define "main" }}<h1>{{ .Title }}</h1><ol>
{{ range (.Paginate .Pages.ByDate.Reverse).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}
</ol>{{ template "_internal/pagination.html" . }}{{ end }}
""")
    write(os.path.join(root, "layouts", "index.html"),
          '{{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ len .Site.RegularPages }}</p>{{ end }}\n')
    for section, slug, title, day, body in pages:
        write(os.path.join(root, "content", section, f"{slug}.md"),
              f'---\ntitle: "{title}"\ndate: {day}\n---\n{body}\n')
    for section, title in [("issues", "整改台账"), ("updates", "整改进展"), ("cases", "交办件")]:
        write(os.path.join(root, "content", section, "_index.md"), f'---\ntitle: "{title}"\n---\n')


if __name__ == "__main__":
    main()
