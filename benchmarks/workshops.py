"""The large and small workshops the benchmarks measure, built by multiplying the demo and restoring it.

    from benchmarks.workshops import build_large, build_small
    large_id = build_large(engine)   # 20 personas, 2,000 notes, 20 journeys x 50 touchpoints, ...
    small_id = build_small(engine)   # the same shape for one persona

The demo workshop's JSON backup is the template: each persona of the large workshop is a copy of
one demo persona (cycled) with one empathy map of 100 notes, one journey of 5 stages x 10
touchpoints, and one value proposition canvas of 20 items, 11 fit links and 3 KPIs, the texts and
links taken from the demo's own (repeats numbered). The document goes through the real restore,
so the rows pass the same validation as anything a user imports.
"""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import cycle, islice
from typing import Any
from uuid import uuid4

from sqlalchemy.engine import Engine
from sqlmodel import Session

from pmo_insight.demo import create_demo_workshop
from pmo_insight.domain.backup_format import backup_document
from pmo_insight.persistence.chain_loader import load_chain
from pmo_insight.persistence.restore import restore_backup

#: The shape of one persona's share of the workshop.
NOTES_PER_MAP = 100
STAGES_PER_JOURNEY = 5
TOUCHPOINTS_PER_STAGE = 10
ITEMS_PER_CANVAS = 20
FITS_PER_CANVAS = 11
KPIS_PER_CANVAS = 3
LARGE_PERSONAS = 20

Doc = dict[str, Any]


def build_large(engine: Engine, *, lang: str = "en") -> int:
    """20 personas, 2,000 empathy notes, 20 journeys x 50 touchpoints, 400 canvas items, 220 fit links,
    60 KPIs; returns the new workshop's id."""
    return build_workshop(engine, personas=LARGE_PERSONAS, lang=lang)


def build_small(engine: Engine, *, lang: str = "en") -> int:
    """The large workshop's shape for a single persona; returns the new workshop's id."""
    return build_workshop(engine, personas=1, lang=lang)


def build_workshop(engine: Engine, *, personas: int, lang: str = "en") -> int:
    """A workshop of ``personas`` copies of the demo's shape, restored from a backup document."""
    document = multiplied_document(demo_document(engine, lang), personas)
    with Session(engine) as session:
        workshop = restore_backup(session, data=json.dumps(document, ensure_ascii=False).encode("utf-8"))
        session.commit()
        return workshop.id


def demo_document(engine: Engine, lang: str) -> Doc:
    """The demo workshop's backup document (the demo is created and rolled back)."""
    with Session(engine) as session:
        workshop = create_demo_workshop(session, lang=lang)
        session.flush()
        document = backup_document(load_chain(session, workshop_id=workshop.id))
        session.rollback()
    return document


def _by(rows: list[dict], key: str) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _numbered(text: str, copy: int, limit: int = 200) -> str:
    return text if copy == 0 else f"{text[: limit - 8]} ({copy + 1})"


def multiplied_document(template: Doc, personas: int) -> Doc:
    """A backup document with ``personas`` personas, each with the demo's tools at benchmark size."""
    out: Doc = {key: value for key, value in template.items() if not isinstance(value, list)}
    out["workshop"] = {**template["workshop"], "title": f"{template['workshop']['title']} x{personas}"}
    out["participants"] = list(template["participants"])
    out["evidence"] = list(template["evidence"])
    for key in (
        "personas",
        "empathy_maps",
        "empathy_notes",
        "journeys",
        "journey_stages",
        "touchpoints",
        "canvases",
        "canvas_items",
        "kpis",
        "fit_links",
        "kpi_links",
        "evidence_links",
        "trace_links",
    ):
        out[key] = []
    ids: dict[str, int] = defaultdict(int)

    def new_id(section: str) -> int:
        ids[section] += 1
        return ids[section]

    maps_of = _by(template["empathy_maps"], "persona_id")
    notes_of = _by(template["empathy_notes"], "map_id")
    stages_of = _by(template["journey_stages"], "journey_id")
    touchpoints_of = _by(template["touchpoints"], "stage_id")
    items_of = _by(template["canvas_items"], "canvas_id")
    kpis_of = _by(template["kpis"], "canvas_id")
    fits_of = _by(template["fit_links"], "canvas_id")
    kpi_links_of = _by(template["kpi_links"], "kpi_id")
    any_map = template["empathy_maps"][0]
    journeys, canvases = template["journeys"], template["canvases"]

    for number, persona in enumerate(islice(cycle(template["personas"]), personas)):
        copy = number // len(template["personas"])
        # Template id -> new id, per section, for this persona's copy (first copy of each row wins).
        mapped: dict[str, dict[int, int]] = defaultdict(dict)
        pid = new_id("personas")
        mapped["personas"][persona["id"]] = pid
        out["personas"].append({**persona, "id": pid, "name": _numbered(persona["name"], copy, 120)})

        emap = (maps_of.get(persona["id"]) or [any_map])[0]
        map_id = new_id("empathy_maps")
        out["empathy_maps"].append({**emap, "id": map_id, "persona_id": pid})
        for index, note in enumerate(islice(cycle(notes_of[emap["id"]]), NOTES_PER_MAP)):
            nid = new_id("empathy_notes")
            mapped["empathy_notes"].setdefault(note["id"], nid)
            repeat = index // len(notes_of[emap["id"]])
            text = _numbered(note["text"], repeat, 2000)
            out["empathy_notes"].append({**note, "id": nid, "map_id": map_id, "position": index, "text": text})

        # The persona's own journey and canvas when the demo has them, so its trace links carry over.
        journey = next((j for j in journeys if j["persona_id"] == persona["id"]), journeys[number % len(journeys)])
        jid = new_id("journeys")
        mapped["journeys"][journey["id"]] = jid
        out["journeys"].append({**journey, "id": jid, "persona_id": pid})
        position = 0
        for s_index, stage in enumerate(islice(cycle(stages_of[journey["id"]]), STAGES_PER_JOURNEY)):
            sid = new_id("journey_stages")
            out["journey_stages"].append({**stage, "id": sid, "journey_id": jid, "position": s_index})
            source = touchpoints_of[stage["id"]] or template["touchpoints"]
            for t_index, tp in enumerate(islice(cycle(source), TOUCHPOINTS_PER_STAGE)):
                tid = new_id("touchpoints")
                mapped["touchpoints"].setdefault(tp["id"], tid)
                name = _numbered(tp["name"], t_index // len(source))
                row = {**tp, "id": tid, "journey_id": jid, "stage_id": sid, "position": position, "name": name}
                out["touchpoints"].append(row)
                position += 1

        canvas = next((c for c in canvases if c["journey_id"] == journey["id"]), canvases[number % len(canvases)])
        cid = new_id("canvases")
        out["canvases"].append({**canvas, "id": cid, "persona_id": pid, "journey_id": jid})
        for index, item in enumerate(islice(cycle(items_of[canvas["id"]]), ITEMS_PER_CANVAS)):
            iid = new_id("canvas_items")
            mapped["canvas_items"].setdefault(item["id"], iid)
            text = _numbered(item["text"], index // len(items_of[canvas["id"]]), 2000)
            out["canvas_items"].append({**item, "id": iid, "canvas_id": cid, "position": index, "text": text})
        fits = [
            f
            for f in fits_of[canvas["id"]]
            if f["value_item_id"] in mapped["canvas_items"] and f["customer_item_id"] in mapped["canvas_items"]
        ]
        pairs = {
            (mapped["canvas_items"][f["value_item_id"]], mapped["canvas_items"][f["customer_item_id"]]): f["strength"]
            for f in fits
        }
        # The demo links fewer items than the benchmark wants: pair further relievers and creators.
        made = [row for row in out["canvas_items"] if row["canvas_id"] == cid]
        relievers = [r["id"] for r in made if r["kind"] == "reliever"]
        creators = [r["id"] for r in made if r["kind"] == "creator"]
        pains = [r["id"] for r in made if r["kind"] == "pain"]
        gains = [r["id"] for r in made if r["kind"] == "gain"]
        extra = [(v, c) for v in relievers for c in pains] + [(v, c) for v in creators for c in gains]
        for pair in extra:
            if len(pairs) >= FITS_PER_CANVAS:
                break
            pairs.setdefault(pair, "partial")
        for (value_id, customer_id), strength in list(pairs.items())[:FITS_PER_CANVAS]:
            out["fit_links"].append(
                {"canvas_id": cid, "value_item_id": value_id, "customer_item_id": customer_id, "strength": strength}
            )
        for index, kpi in enumerate(islice(cycle(kpis_of[canvas["id"]]), KPIS_PER_CANVAS)):
            kid = new_id("kpis")
            name = _numbered(kpi["name"], index // len(kpis_of[canvas["id"]]))
            out["kpis"].append({**kpi, "id": kid, "canvas_id": cid, "position": index, "name": name})
            if index < len(kpis_of[canvas["id"]]):
                for link in kpi_links_of[kpi["id"]]:
                    if link["item_id"] in mapped["canvas_items"]:
                        out["kpi_links"].append({"kpi_id": kid, "item_id": mapped["canvas_items"][link["item_id"]]})
                mapped["kpis"][kpi["id"]] = kid
        sections = {
            "persona": "personas",
            "empathy_note": "empathy_notes",
            "touchpoint": "touchpoints",
            "canvas_item": "canvas_items",
            "kpi": "kpis",
        }
        for link in template["trace_links"]:
            source = mapped[sections[link["source_type"]]].get(link["source_id"])
            target = mapped[sections[link["target_type"]]].get(link["target_id"])
            if source and target:
                out["trace_links"].append({**link, "source_id": source, "target_id": target})
        for link in template["evidence_links"]:
            target = mapped[sections[link["target_type"]]].get(link["target_id"])
            if target:
                out["evidence_links"].append({**link, "target_id": target})
    for key, rows in out.items():  # every copy is its own row: a fresh stable identity each
        if isinstance(rows, list):
            out[key] = [{**row, "uid": uuid4().hex} if "uid" in row else row for row in rows]
    for key, value in template.items():  # sections not multiplied (KPI actuals, comments, live...) start empty
        if isinstance(value, list) and key not in out:
            out[key] = []
    return out
