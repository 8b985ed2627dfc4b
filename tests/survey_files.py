"""Made-up survey files for the tests: planted segments, both languages, CSV (UTF-8, BOM, GB18030) and XLSX.

Three planted segments answer eight Likert questions, a single- and a multiple-choice question in
their own way (each answer replaced by a random one with probability ``noise``); department and age
are drawn independently of the segment, so a segmentation that used them would be wrong.
"""

from __future__ import annotations

import csv
import io
import random

LIKERT = {
    "en": ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
    "zh": ["非常不同意", "不同意", "一般", "同意", "非常同意"],
}
HEADERS = {
    "en": ["Respondent ID", "Submitted at", "Department", "Age"]
    + [f"Q{i} statement {i}" for i in range(1, 9)]
    + ["Main channel", "Tools used", "Anything else?"],
    "zh": ["序号", "提交答卷时间", "1、您所在的部门", "2、您的年龄段"]
    + [f"{i + 2}、陈述{i}" for i in range(1, 9)]
    + ["11、主要沟通渠道", "12、使用的工具", "13、其他意见"],
}
DEPARTMENTS = {"en": ["Finance", "IT", "Sales", "HR"], "zh": ["财务部", "信息部", "销售部", "人力资源部"]}
AGES = {"en": ["18-29", "30-39", "40-49", "50+"], "zh": ["18-29岁", "30-39岁", "40-49岁", "50岁以上"]}
CHANNELS = {"en": ["Email", "Chat", "Meetings"], "zh": ["邮件", "即时消息", "会议"]}
TOOLS = {"en": ["Excel", "Jira", "Project", "Paper"], "zh": ["Excel", "禅道", "Project", "纸质"]}
#: Free text varies from one respondent to the next, as it does in real answers.
DETAILS = {
    "en": [", every week #", ", honestly #", " (see ticket #", ", e.g. project #"],
    "zh": ["，每周都这样 #", "，说实话 #", "（见工单 #", "，比如项目 #"],
}
#: Per planted segment: Likert level (0–4) per question, channel index, tool indices, a comment.
PROFILES = [
    ([4, 4, 4, 0, 0, 0, 2, 2], 0, [0, 1], {"en": "Reports take too long to assemble", "zh": "周报整理太费时间"}),
    ([0, 0, 0, 4, 4, 4, 2, 2], 1, [1, 2], {"en": "We need earlier sight of risks", "zh": "希望更早看到风险"}),
    ([2, 2, 2, 2, 2, 2, 4, 4], 2, [3], {"en": "Meetings decide nothing 🙃", "zh": "会议多但没结论 🙃"}),
]


def planted_rows(
    lang: str = "en", sizes: tuple[int, ...] = (60, 50, 40), noise: float = 0.2, seed: int = 7, separator: str = "┋"
) -> tuple[list[str], list[list[str]], list[int]]:
    """Headers, rows and each row's planted segment (shuffled)."""
    rng = random.Random(seed)
    rows, truth = [], []
    for segment, size in enumerate(sizes):
        levels, channel, tools, comment = PROFILES[segment]
        for _ in range(size):
            answers = [LIKERT[lang][lv if rng.random() > noise else rng.randrange(5)] for lv in levels]
            ch = channel if rng.random() > noise else rng.randrange(3)
            picked = tools if rng.random() > noise else [rng.randrange(4)]
            detail = DETAILS[lang][rng.randrange(len(DETAILS[lang]))]
            text = f"{comment[lang]}{detail}{rng.randrange(100)}" if rng.random() > 0.3 else ""
            rows.append(
                [
                    "",
                    f"2026-11-{rng.randrange(1, 28):02d} 10:{rng.randrange(60):02d}:00",
                    rng.choice(DEPARTMENTS[lang]),
                    rng.choice(AGES[lang]),
                    *answers,
                    CHANNELS[lang][ch],
                    separator.join(TOOLS[lang][i] for i in picked),
                    text,
                ]
            )
            truth.append(segment)
    order = list(range(len(rows)))
    rng.shuffle(order)
    rows = [rows[i] for i in order]
    truth = [truth[i] for i in order]
    for number, row in enumerate(rows, start=1):
        row[0] = f"R{number:04d}"
    return HEADERS[lang], rows, truth


def csv_bytes(headers: list[str], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(headers: list[str], rows: list[list[str]], sheet: str = "Sheet1", first: str | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    if first:
        book.active.title = first
        book.active.append(["not", "this", "sheet"])
        page = book.create_sheet(sheet)
    else:
        page = book.active
        page.title = sheet
    page.append(headers)
    for row in rows:
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
