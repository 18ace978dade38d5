#!/usr/bin/env python3
"""Writes a synthetic gongkai site for benchmarks.

usage: gen-site.py DIR ISSUES NOTES_PER_ISSUE

The site is shaped like a real one (categories, milestones, moved
deadlines, general notes, targets with observations) but its text is
generated. It is written from scratch: DIR must not exist.
"""
import os
import sys
from datetime import date, timedelta

CATEGORIES = ["大气污染防治", "水污染防治", "土壤与固体废物污染防治", "生态保护与修复", "环境监管执法"]
UNITS = ["市生态环境局", "市水利局", "市住房和城乡建设局", "市农业农村局", "市林业和草原局"]
STATUSES = ["in-progress", "basically-done", "done", "closed", "reopened"]
PARAGRAPH = "按照整改方案要求，责任单位组织开展现场核查，逐项对照整改措施推进落实，相关资料已归档备查。"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    root, issues, per_issue = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if os.path.exists(root):
        sys.exit(f"{root} exists")
    c = os.path.join(root, "content")
    write(os.path.join(c, "site.yaml"), f"""title: 基准测试市督察整改信息公开
base_url: https://www.example.gov.cn/bench/
sample: true
categories: [{", ".join(CATEGORIES)}]
plan_date: 2023-07-17
""")
    for t in range(10):
        obs = "\n".join(
            f"  - {{date: {2023 + y}-12-31, period: {2023 + y}年, value: {30 - y - t * 0.1:.1f}}}" for y in range(3)
        )
        write(os.path.join(c, "targets", f"t{t:02}.yaml"), f"""name: 指标{t}
unit: 微克/立方米
target: {{value: 25, comparison: "<", by: 2025-12-31}}
baseline: {{date: 2022-12-31, period: 2022年, value: 31}}
observations:
{obs}
""")
    start = date(2023, 8, 1)
    for i in range(1, issues + 1):
        deadline = start + timedelta(days=120 + (i * 37) % 700)
        write(os.path.join(c, "issues", f"{i:04}.yaml"), f"""number: {i}
title: 第{i}号问题：某区域生态环境问题整改不到位
category: {CATEGORIES[i % len(CATEGORIES)]}
kind: short-term
deadline: {deadline}
responsible:
  lead: [{UNITS[i % len(UNITS)]}]
  support: [{UNITS[(i + 1) % len(UNITS)]}]
description: |
  {PARAGRAPH * 3}

  详见[整改方案](/plan/)。
goal: |
  {PARAGRAPH}
measures:
  - {PARAGRAPH}
  - {PARAGRAPH}
  - {PARAGRAPH}
milestones:
  - {{date: {start + timedelta(days=60)}, goal: 完成排查}}
  - {{date: {start + timedelta(days=100)}, goal: 完成方案}}
targets: [t{i % 10:02}]
""")
        for n in range(per_issue):
            day = start + timedelta(days=(i * 7 + n * 45) % 1100)
            extra = ""
            if n == per_issue - 1:
                extra = f"status: {STATUSES[i % len(STATUSES)]}\n"
            elif n == 1:
                extra = f"deadline: {deadline + timedelta(days=90)}\n"
            elif n == 0:
                extra = "milestones: [1]\n"
            write(os.path.join(c, "notes", str(day.year), f"i{i:04}-n{n:02}.md"), f"""---
title: 第{i}号问题整改进展（{n + 1}）
date: {day} 09:30
issues: ["{i:04}"]
{extra}source: {UNITS[i % len(UNITS)]}
---
{PARAGRAPH}

- 完成现场核查
- 完成资料归档

见[问题页面](/issues/{i:04}/)。
""")
    for g in range(max(1, issues // 10)):
        day = start + timedelta(days=g * 30 % 1100)
        write(os.path.join(c, "notes", "general", f"g{g:04}.md"), f"---\ntitle: 整改工作通报（{g + 1}）\ndate: {day}\n---\n{PARAGRAPH * 2}\n")
    write(os.path.join(c, "pages", "plan.md"), f"---\ntitle: 整改方案\norder: 1\n---\n{PARAGRAPH * 10}\n")


if __name__ == "__main__":
    main()
