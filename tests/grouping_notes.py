"""Hand-labelled sticky notes of a PMO workshop's pains quadrant, English and Chinese.

Each note carries the group a facilitator would put it in; the near-duplicates (the same note typed
twice with a small difference) are listed as pairs of texts. Written for the suggestion's tests and
its benchmark; realistic, not tuned to the algorithm (some groups share no words at all).
"""

from __future__ import annotations

EN: list[tuple[str, str]] = [
    ("Approval takes two weeks", "approval"),
    ("Approval takes 2 weeks!", "approval"),
    ("Budget approval takes far too long", "approval"),
    ("Waiting weeks for the approval of a change request", "approval"),
    ("The approval chain needs five signatures", "approval"),
    ("Approvals sit with the director for days", "approval"),
    ("Weekly status report takes half a day", "report"),
    ("Status reports are copied by hand into three templates", "report"),
    ("Status reports are copied by hand into 3 templates", "report"),
    ("Nobody reads the status report", "report"),
    ("Writing the status report every Friday afternoon", "report"),
    ("Every department has its own status report template", "report"),
    ("Too many meetings every week", "meetings"),
    ("Too many meetings every week!!", "meetings"),
    ("Meetings without an agenda", "meetings"),
    ("The steering meeting runs over by an hour", "meetings"),
    ("Back-to-back meetings leave no time to work", "meetings"),
    ("The project tool is slow to load", "tool"),
    ("The project tool crashes when exporting", "tool"),
    ("We keep Excel and the project tool side by side", "tool"),
    ("The project tool is slow to load.", "tool"),
    ("Not enough people on the project", "people"),
    ("Key people get pulled into other projects", "people"),
    ("Two projects fight over the same people", "people"),
    ("One person is shared across too many projects", "people"),
    ("Requirements change every sprint", "requirements"),
    ("Requirments change every sprint", "requirements"),
    ("Scope changes without any notice", "requirements"),
    ("Requirements still change late in the project", "requirements"),
    ("The customer changes the scope after sign-off", "requirements"),
]
EN_DUPLICATES: list[tuple[str, str]] = [
    ("Approval takes two weeks", "Approval takes 2 weeks!"),
    ("Status reports are copied by hand into three templates", "Status reports are copied by hand into 3 templates"),
    ("Too many meetings every week", "Too many meetings every week!!"),
    ("The project tool is slow to load", "The project tool is slow to load."),
    ("Requirements change every sprint", "Requirments change every sprint"),
]

ZH: list[tuple[str, str]] = [
    ("审批太慢", "approval"),
    ("审批太慢了！", "approval"),
    ("报名审批要等一周", "approval"),
    ("审批流程要五个人签字", "approval"),
    ("预算审批要等两周", "approval"),
    ("变更审批经常卡在总监那里", "approval"),
    ("每周写周报要花半天", "report"),
    ("周报要手工复制到三个模板", "report"),
    ("周报要手工复制到3个模板", "report"),
    ("周报没人看", "report"),
    ("每周五下午都在写周报", "report"),
    ("各部门的周报模板不一样", "report"),
    ("会议太多", "meetings"),
    ("每周的会议太多了", "meetings"),
    ("开会没有议程", "meetings"),
    ("例会经常超时一个小时", "meetings"),
    ("会议一个接一个，没时间干活", "meetings"),
    ("项目系统打开很慢", "tool"),
    ("项目系统导出时经常崩溃", "tool"),
    ("Excel 和项目系统要同时维护", "tool"),
    ("项目系统打开太慢", "tool"),
    ("项目人手不够", "people"),
    ("骨干被抽调到其他项目", "people"),
    ("两个项目抢同一批人", "people"),
    ("一个人同时参与太多项目", "people"),
    ("需求每个迭代都在变", "requirements"),
    ("需求每个迭代都再变", "requirements"),
    ("范围变更没有提前通知", "requirements"),
    ("项目后期需求还在改", "requirements"),
    ("客户签字后又改范围", "requirements"),
]
ZH_DUPLICATES: list[tuple[str, str]] = [
    ("审批太慢", "审批太慢了！"),
    ("周报要手工复制到三个模板", "周报要手工复制到3个模板"),
    ("项目系统打开很慢", "项目系统打开太慢"),
    ("需求每个迭代都在变", "需求每个迭代都再变"),
]
