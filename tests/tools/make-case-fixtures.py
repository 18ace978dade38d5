#!/usr/bin/env python3
"""Makes the spreadsheets of the 交办件 test fixtures (committed as bytes):
tests/fixtures/cases/ (every shape a real table takes) and
tests/fixtures/invalid/cases-tables/ (one mistake of each kind). Needs
openpyxl and msoffcrypto-tool (for the password-protected workbook) and
LibreOffice (for the .xls).

usage: PYTHONPATH=<packages> python3 tests/tools/make-case-fixtures.py
"""
import io
import os
import subprocess
import tempfile

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

ROOT = os.path.join(os.path.dirname(__file__), "..", "fixtures")


def save(wb, path):
    wb.properties.creator = "gongkai tests"
    wb.save(path)


def to_xls(xlsx, xls):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, xlsx],
                       check=True, capture_output=True)
        os.replace(os.path.join(tmp, os.path.basename(xlsx)[:-5] + ".xls"), xls)
    os.remove(xlsx)


def valid():
    out = os.path.join(ROOT, "cases", "content", "cases")
    os.makedirs(out, exist_ok=True)
    # Batch 1: a title row and a note under it, a header over two rows with
    # 处理和整改情况 merged over 整改情况 and 问责情况, case numbers typed as
    # numbers, 责任单位 merged down, a 合计 row and a 注： row.
    wb = Workbook()
    ws = wb.active
    ws.title = "一览表"
    ws.merge_cells("A1:K1")
    ws["A1"] = "测试市群众信访举报转办和边督边改公开情况一览表（第一批）"
    ws["A2"] = "（2023年4月12日交办）"
    header = ["序号", "受理编号", "交办问题\n基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
              "处理和整改情况", None, "办理状态", "责任单位", "关联问题"]
    for c, h in enumerate(header, start=1):
        if h == "处理和整改情况":
            ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + 1)
            ws.cell(3, c, h)
            ws.cell(4, c, "整改情况")
            ws.cell(4, c + 1, "问责 情况")
        elif h is not None:
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
            ws.cell(3, c, h)
    rows = [
        (1, 2023001, "城东某砖厂烟尘扰民，\n夜间尤其严重。", "东城区", "大气污染、噪声", "除尘设施未运行。", "属实",
         "责令停产整改，罚款5万元。", "约谈镇分管领导。", "阶段性办结", "东城区人民政府", "问题1"),
        (2, 2023002, "河边有人倾倒垃圾。", "东城区", "固体废物", "现场有少量生活垃圾。", "部分属实",
         "已清理。", None, "是", None, "01、02"),
        (3, "2023003", "小区烧烤油烟。", "西城区", "大气", "经核查不属实。", "不属实",
         "已向信访人反馈。", None, "已办结", "西城区人民政府", None),
    ]
    for i, row in enumerate(rows):
        for c, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(5 + i, c, v)
    ws.merge_cells("K5:K6")
    ws["A8"] = "合计"
    ws["C8"] = "3件"
    ws["A9"] = "注：本表为测试数据。"
    save(wb, os.path.join(out, "第1批.xlsx"))

    # Batch 2 as Excel 97-2003, other header words, a header mapped in
    # cases.yaml, a column to ignore, a repeat of a case of batch 1.
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["交办编号", "群众反映的主要问题", "所属区域", "问题类型", "核查情况", "属实情况", "处理整改情况",
               "办结情况", "牵头单位", "重复件", "备注说明"])
    ws.append(["B-1", "砖厂烟尘扰民（重复反映）。", "东城区", "大气", "与2023001为同一问题。", "属实",
               "并案办理。", "否", "东城区人民政府、市生态环境局", "2023001", "无"])
    ws.append(["B-2", "夜间施工噪声。", "西城区", "噪声污染", "夜间施工属实。", "基本属实", "责令停止夜间施工。",
               "已办结", "各县（市、区）政府", "否", None])
    save(wb, os.path.join(out, "第2批.xlsx"))
    to_xls(os.path.join(out, "第2批.xlsx"), os.path.join(out, "第2批.xls"))

    # Batch 3, in UTF-8 with a byte-order mark, published after the as-of date.
    text = "受理编号,反映问题,行政区域\r\nC-1,以后公开的一件。,东城区\r\n"
    with open(os.path.join(out, "第3批.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))

    # An update, saved by Excel on Chinese Windows (GB18030).
    text = ("受理编号,最新整改情况,办理状态\r\n"
            "2023001,已完成除尘设施改造，恢复生产。,已办结\r\n"
            "b-1,,已办结\r\n")
    with open(os.path.join(out, "2023-09-进展.csv"), "wb") as f:
        f.write(text.encode("gb18030"))


def invalid():
    out = os.path.join(ROOT, "invalid", "cases-tables", "content", "cases")
    os.makedirs(out, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "一览表"
    ws.append(["受理编号", "反映问题", "联系电话", "污染类型", "是否属实", "办理状态", "关联问题"])
    ws.append(["A-1", "砖厂烟尘。", "略", "大气、光污染", "真的", "完成", "99"])
    ws.append([None, "没有编号的一行。", None, None, None, None, None])
    ws.append(["白城001", "编号有汉字。", None, None, None, None, None])
    ws.append(["A-2", None, None, "水", "属实", "已办结", None])
    save(wb, os.path.join(out, "第1批.xlsx"))

    wb = Workbook()
    ws = wb.active
    ws.append(["受理编号", "反映问题"])
    ws.append(["a-1", "与第1批重复的编号。"])
    save(wb, os.path.join(out, "第2批.xlsx"))

    wb = Workbook()
    wb.active.title = "一览表"
    wb.active.append(["受理编号", "反映问题"])
    save(wb, os.path.join(out, "第3批.xlsx"))

    with open(os.path.join(out, "附件.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n% not a table\n")
    with open(os.path.join(out, "损坏.xlsx"), "wb") as f:
        f.write(b"PK\x03\x04 this zip file ends here")
    plain = io.BytesIO()
    wb = Workbook()
    wb.active.append(["受理编号", "反映问题"])
    wb.save(plain)
    plain.seek(0)
    with open(os.path.join(out, "加密.xlsx"), "wb") as f:
        OOXMLFile(plain).encrypt("123456", f)
    with open(os.path.join(out, "更新.csv"), "wb") as f:
        f.write("受理编号,办理状态\r\nNOPE,已办结\r\nA-1,已办结\r\nA-1,已办结\r\n".encode("utf-8"))
    wb = Workbook()
    wb.active.append(["受理编号"])
    save(wb, os.path.join(out, "草稿.xlsx"))


valid()
invalid()
