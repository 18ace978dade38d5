#!/usr/bin/env python3
"""Makes the example site's 交办件 tables (content/cases/) as a city office
makes them in Excel: a title row and a line under it, a header over two
rows with 处理和整改情况 merged over 整改情况 and 问责情况, 责任单位 merged
down over the cases of one district, a 合计 row and a 备注 row. Batch 1
and 2 are .xlsx, batch 3 is .xls (converted with LibreOffice, as older
offices still send), the update table is a CSV saved by Excel on Chinese
Windows (GB18030). All of it is sample data.

usage: PYTHONPATH=<openpyxl> python3 tests/tools/make-sample-cases.py content/cases
"""
import csv
import io
import os
import random
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

OUT = sys.argv[1] if len(sys.argv) > 1 else "content/cases"
rng = random.Random(20220908)

DISTRICTS = {
    "洮北区": ("洮北区人民政府", ["德顺乡", "青山镇", "平台镇", "东风乡", "新华街道", "铁东街道"]),
    "洮南市": ("洮南市人民政府", ["瓦房镇", "万宝镇", "福顺镇", "光明街道", "团结街道"]),
    "大安市": ("大安市人民政府", ["安广镇", "月亮泡镇", "两家子镇", "长虹街道"]),
    "镇赉县": ("镇赉县人民政府", ["镇赉镇", "坦途镇", "黑鱼泡镇", "嘎什根乡"]),
    "通榆县": ("通榆县人民政府", ["开通镇", "瞻榆镇", "向海乡", "新华镇"]),
}

# (types, what was reported, what the check found, issue it touches or None)
REPORTS = [
    ("大气", "{place}某砖厂生产时烟尘较大，周边居民晾晒衣物落满灰尘。", "该砖厂脱硫除尘设施未正常运行，烟尘排放浓度超标。", None),
    ("大气", "{place}某小区附近烧烤摊油烟扰民，夜间尤为严重。", "经现场核查，3家烧烤摊未安装油烟净化设施。", None),
    ("大气", "{place}秋收后秸秆露天焚烧，烟雾弥漫。", "巡查发现2处秸秆焚烧火点，已扑灭。", "08"),
    ("大气", "{place}建筑工地未苫盖，大风天扬尘严重。", "工地裸露土方约2000平方米未覆盖，车辆未冲洗出场。", "09"),
    ("大气、噪声", "{place}某混凝土搅拌站粉尘大、夜间噪声扰民。", "搅拌站料场未全封闭，夜间22时后仍在作业。", "09"),
    ("大气", "{place}冬季居民散煤燃烧，空气中煤烟味重。", "该片区尚未接入集中供热，部分住户使用散煤取暖。", "11"),
    ("大气", "{place}某喷涂作坊异味扰民。", "作坊未办理环评手续，喷涂工序无废气收集处理设施。", "10"),
    ("水", "{place}某养殖场粪污直排入村边沟渠，臭气熏天。", "养殖场粪污处理设施容量不足，雨天有粪水外溢。", "16"),
    ("水", "{place}生活污水处理站不运行，污水直排。", "污水处理站因设备故障停运，污水经旁路排放。", "17"),
    ("水", "{place}坑塘水体发黑发臭。", "坑塘周边有生活污水管道错接，水体感官较差。", "12"),
    ("水", "{place}某企业夜间向河道排放废水。", "现场未发现偷排行为，企业废水已纳管排放。", "14"),
    ("水、生态", "{place}河道内有人非法采砂，破坏河床。", "河道内发现采砂痕迹，未发现正在采砂的设备。", None),
    ("噪声", "{place}某KTV夜间噪声扰民。", "夜间噪声监测值超过排放标准。", None),
    ("噪声", "{place}某加工厂机器轰鸣，影响居民休息。", "加工厂夜间生产，未采取隔声降噪措施。", None),
    ("土壤、固废", "{place}有人在农田旁倾倒建筑垃圾和生活垃圾。", "现场有建筑垃圾约50立方米，来源待查。", None),
    ("固废", "{place}某企业危险废物露天堆放。", "企业危险废物贮存场所未规范设置，部分废油桶露天存放。", "19"),
    ("固废", "{place}工业固废堆场无遮盖，刮风时扬散。", "堆场防扬散措施不到位，苫盖不全。", "20"),
    ("生态", "{place}草原被开垦种地。", "核实该地块为2018年开垦草原，已列入退耕还草范围。", "23"),
    ("生态", "{place}湿地内有人建房养鱼。", "湿地范围内有违规建设的看护房和鱼池。", "25"),
    ("其他", "{place}某加油站油气回收装置不正常使用。", "油气回收装置已安装，抽检时运行正常。", None),
    ("水", "{place}垃圾填埋场渗滤液外渗，污染周边地下水。", "渗滤液处理设施出水部分指标超标，周边地下水监测未见异常。", "22"),
]

TRUTH = ["属实"] * 6 + ["基本属实"] * 2 + ["部分属实"] * 2 + ["不属实"] * 2


def handling(truth, found):
    if truth == "不属实":
        return "经核查反映问题不属实，已向信访人反馈核查结果。", "", "已办结"
    measures = rng.choice([
        "责令立即停止违法行为，限期整改；",
        "责令停产整改，依法立案调查；",
        "责令限期完成治理设施改造；",
        "督促落实整改措施，并纳入日常监管；",
    ])
    if rng.random() < 0.35:
        fine = rng.choice([2, 3, 5, 8, 10, 20])
        measures += f"依法处以罚款{fine}万元。"
    else:
        measures += "已开展现场复查。"
    account = ""
    if rng.random() < 0.2:
        account = rng.choice([
            "对乡镇分管领导进行约谈。",
            "对相关责任人进行诫勉谈话。",
            "对企业负责人进行批评教育。",
        ])
    state = rng.choice(["已办结", "阶段性办结", "阶段性办结", "已办结"])
    return measures, account, state


def cases(batch, count, start):
    """The cases of one batch, grouped by district as offices list them."""
    rows = []
    names = list(DISTRICTS)
    # Most complaints come from the city district, fewest from the steppe county.
    weights = [0.34, 0.21, 0.19, 0.14, 0.12]
    per = [int(count * w) for w in weights]
    for i in range(count - sum(per)):
        per[i % len(per)] += 1
    n = start
    for name, k in zip(names, per):
        lead, places = DISTRICTS[name]
        for _ in range(k):
            types, report, found, issue = rng.choice(REPORTS)
            place = rng.choice(places)
            truth = rng.choice(TRUTH)
            handled, account, state = handling(truth, found)
            rows.append({
                "id": f"BC{batch:02d}-{n - start + 1:03d}",
                "summary": report.format(place=f"{name}{place}"),
                "district": name,
                "types": types,
                "verified": found if truth != "不属实" else "经现场核查，未发现反映的问题。",
                "truth": truth,
                "handling": handled,
                "accountability": account,
                "state": state,
                "lead": lead,
                "issue": issue or "",
                "duplicate": "",
            })
            n += 1
    return rows


BATCHES = [
    (1, "2022年9月10日", 30),
    (2, "2022年9月15日", 28),
    (3, "2022年9月21日", 24),
]
ORDINAL = {1: "一", 2: "二", 3: "三"}
HEADER = ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
          "处理和整改情况", None, "办理状态", "责任单位", "关联问题", "重复件"]
KEYS = ["summary", "district", "types", "verified", "truth", "handling", "accountability", "state",
        "lead", "issue", "duplicate"]


def write_batch(path, batch, received, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "一览表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    ncol = len(HEADER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1, f"白城市第二轮省级生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第{ORDINAL[batch]}批）")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws.cell(2, 1, f"（{received}交办，共{len(rows)}件）")
    ws.cell(2, 1).alignment = Alignment(horizontal="center")
    for c, h in enumerate(HEADER, start=1):
        if h == "处理和整改情况":
            ws.merge_cells(start_row=3, start_column=c, end_row=3, end_column=c + 1)
            ws.cell(3, c, h)
            ws.cell(4, c, "整改情况")
            ws.cell(4, c + 1, "问责情况")
        elif h is not None:
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
            ws.cell(3, c, h)
    for r in (3, 4):
        for c in range(1, ncol + 1):
            ws.cell(r, c).font = Font(bold=True)
            ws.cell(r, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.cell(r, c).border = border
    first = 5
    for i, case in enumerate(rows):
        r = first + i
        ws.cell(r, 1, i + 1)
        # A case number typed as text, as the inspection team sends it.
        ws.cell(r, 2, case["id"])
        for c, key in enumerate(KEYS, start=3):
            if key == "lead":
                continue
            value = case[key]
            ws.cell(r, c, value if value != "" else None)
        for c in range(1, ncol + 1):
            ws.cell(r, c).alignment = wrap
            ws.cell(r, c).border = border
    # 责任单位 merged down over the cases of one district.
    lead_col = HEADER.index("责任单位") + 1
    start = 0
    while start < len(rows):
        end = start
        while end + 1 < len(rows) and rows[end + 1]["lead"] == rows[start]["lead"]:
            end += 1
        ws.cell(first + start, lead_col, rows[start]["lead"])
        if end > start:
            ws.merge_cells(start_row=first + start, start_column=lead_col, end_row=first + end, end_column=lead_col)
        start = end + 1
    total = first + len(rows)
    truthful = sum(1 for c in rows if c["truth"] != "不属实")
    done = sum(1 for c in rows if c["state"] == "已办结")
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=3)
    ws.cell(total, 1, f"合计：{len(rows)}件，其中属实或部分属实{truthful}件，已办结{done}件")
    ws.cell(total + 1, 1, "备注：本表为示例数据，不是真实的交办件办理情况。")
    widths = [6, 12, 40, 10, 10, 36, 10, 36, 20, 10, 16, 10, 10]
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "C5"
    wb.properties.creator = "白城市督察整改办（示例）"
    wb.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    all_rows = {}
    start = 1
    for batch, received, count in BATCHES:
        rows = cases(batch, count, start)
        start += count
        all_rows[batch] = rows
    # A repeat: the third batch forwards a complaint of the first again.
    repeat = all_rows[3][0]
    original = next(c for c in all_rows[1] if c["district"] == repeat["district"])
    repeat.update({k: original[k] for k in ("summary", "types", "verified", "truth", "lead", "issue")})
    repeat["duplicate"] = original["id"]
    repeat["handling"] = "与第一批" + original["id"] + "为同一问题，并案办理。"
    for batch, received, _ in BATCHES:
        name = f"第{batch:02d}批.xlsx"
        write_batch(os.path.join(OUT, name), batch, received, all_rows[batch])
    # The third batch as an Excel 97-2003 workbook.
    third = os.path.join(OUT, "第03批.xlsx")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", tmp, third],
                       check=True, capture_output=True)
        os.replace(os.path.join(tmp, "第03批.xls"), os.path.join(OUT, "第03批.xls"))
    os.remove(third)
    # Half a year later: the cases then still in progress, as a CSV update.
    updates = []
    for batch in (1, 2, 3):
        for c in all_rows[batch]:
            if c["state"] == "阶段性办结":
                updates.append([c["id"], "整改措施已全部落实，经现场复核，问题已解决。", "已办结"])
    # A few still take longer: a new sewer, a facility to rebuild.
    for row in updates[-3:]:
        row[1:] = ["治理设施改造已完成主体工程，计划2023年6月底前投入运行。", "阶段性办结"]
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n")
    w.writerow(["白城市督察交办信访件整改进展（截至2023年3月31日）", "", ""])
    w.writerow(["受理编号", "最新整改情况", "办理状态"])
    w.writerows(updates)
    w.writerow([f"合计：{len(updates)}件", "", ""])
    with open(os.path.join(OUT, "2023-03-整改进展.csv"), "wb") as f:
        f.write(text.getvalue().encode("gb18030"))


main()
