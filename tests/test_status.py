"""Resolution, status on a date, the registry of issuing bodies, the graph and the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from gongbao import store
from gongbao.cli import app
from gongbao.config import BUNDLED_CORPUS
from gongbao.models import State
from gongbao.pipeline import document_record, ingest_file
from gongbao.status import (
    Corpus,
    annotate,
    citation_graph,
    in_force_ids,
    issuer_of_prefix,
    status,
    status_of_number,
)


@pytest.fixture(scope="module")
def records():
    out = []
    for name in ("2017-08", "2017-10", "2018-08"):
        out.extend(document_record(d) for d in ingest_file(BUNDLED_CORPUS / f"{name}.txt").documents)
    return out


@pytest.fixture(scope="module")
def corpus(records):
    return Corpus.from_records(records)


# fmt: off
@pytest.mark.parametrize(("prefix", "issuer"), [
    ("国发", "国务院"), ("国办发", "国务院办公厅"), ("豫政", "河南省人民政府"), ("豫政办", "河南省人民政府办公厅"),
    ("郑政", "郑州市人民政府"), ("郑政办", "郑州市人民政府办公厅"), ("郑政文", "郑州市人民政府"),
    ("郑政办文", "郑州市人民政府办公厅"), ("豫政办文", "河南省人民政府办公厅"), ("国务院令", "国务院"),
    ("郑州市人民政府令", "郑州市人民政府"), ("不明", None),
])
# fmt: on
def test_issuer_of_prefix(prefix, issuer):
    assert issuer_of_prefix(prefix) == issuer


# fmt: off
@pytest.mark.parametrize(("on", "state"), [
    (date(2017, 10, 20), State.NOT_YET_IN_FORCE),
    (date(2017, 11, 1), State.IN_FORCE),
    (date(2019, 10, 31), State.IN_FORCE),
    (date(2020, 1, 1), State.EXPIRED),
])
# fmt: on
def test_headquarters_measure_over_time(corpus, on, state):
    assert status(corpus.find("郑政〔2017〕34号"), on, corpus).state is state


def test_repealed_number_outside_the_corpus(corpus):
    result = status_of_number("郑政〔2011〕109号", date(2020, 1, 1), corpus)
    assert (result.state, result.by, result.since) == (State.REPEALED, "郑政-2017-34", date(2017, 11, 1))
    assert status_of_number("郑政2011-109", date(2017, 10, 20), corpus).state is State.UNKNOWN


def test_repeal_by_a_later_stored_document(records):
    # A later document of the corpus repealing 郑政〔2017〕34号 ends it from its own date.
    later = {"id": "郑政-2019-9", "doc_no": "郑政〔2019〕9号", "date": "2019-03-01", "title": "t",
             "effect": {"effective_from": "2019-03-01"}, "citations": [],
             "repeals": [{"kind": "repeal", "number": "郑政〔2017〕34号", "title": None, "line": 5,
                          "when": None, "rule_text": "郑政〔2017〕34号同时废止。"}]}
    corpus = Corpus.from_records([*records, later])
    result = status(corpus.find("郑政-2017-34"), date(2019, 5, 1), corpus)
    assert (result.state, result.by) == (State.REPEALED, "郑政-2019-9")
    assert status(corpus.find("郑政-2017-34"), date(2019, 2, 1), corpus).state is State.IN_FORCE


def test_documents_without_a_clause_are_in_force_from_their_date(corpus):
    result = status(corpus.find("郑政〔2017〕24号"), date(2017, 9, 1), corpus)
    assert result.state is State.IN_FORCE and result.notes


def test_two_documents_citing_one_external_number_share_a_node(corpus):
    graph = citation_graph(corpus)
    citing = {u for u, _, k in graph.in_edges("ext:国发〔2014〕67号", data="kind") if k == "cites"}
    assert citing == {"郑政-2017-29"}
    assert graph.nodes["ext:国发〔2014〕67号"]["issuer"] == "国务院"
    assert graph.has_edge("郑政-2017-34", "ext:郑政〔2011〕109号")


def test_misprinted_number_is_flagged(corpus):
    # 2017-08 L1981: 国务院办公厅's opinion printed as 国发〔2016〕34号 (that is the fair-competition opinion).
    record = corpus.find("郑政文〔2017〕146号")
    (citation,) = [c for c in record["citations"] if c["number"] == "国发〔2016〕34号"]
    assert any("probable misprint" in f for f in corpus.resolve(citation).flags)


def test_title_not_matching_a_stored_document_is_a_probable_misprint(corpus):
    citation = {"number": "郑政〔2017〕34号", "number_parts": {"prefix": "郑政"}, "title": "郑州市人民政府关于建设海绵城市的通知"}
    resolution = corpus.resolve(citation)
    assert resolution.in_corpus and resolution.target == "郑政-2017-34"
    assert resolution.flags and resolution.flags[0].startswith("probable misprint")


def test_forwarded_text_resolves_to_its_record():
    recs = [document_record(d) for d in ingest_file(BUNDLED_CORPUS / "2017-10.txt").documents]
    corpus = Corpus.from_records(recs)
    host = corpus.find("郑政办文-2017-55")
    (forward,) = [c for c in host["citations"] if c["number"] == "豫政办〔2017〕95号"]
    assert corpus.resolve(forward).target == "郑政办文-2017-55-a1"


def test_annotate_and_in_force_ids(tmp_path, records):
    annotated = annotate([dict(r) for r in records], date(2020, 1, 1))
    by_id = {r["id"]: r["status_today"]["state"] for r in annotated}
    assert by_id["郑政-2017-34"] == "expired"
    conn = store.connect(tmp_path / "s.sqlite3")
    store.save_issue(conn, ingest_file(BUNDLED_CORPUS / "2017-10.txt"))
    ids = in_force_ids(conn, date(2020, 1, 1))
    assert "郑政-2017-34" not in ids and "郑政-2017-35" in ids


def test_cli_status_show_links_and_graph(tmp_path):
    db = str(tmp_path / "c.sqlite3")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(BUNDLED_CORPUS / "2017-10.txt"), "--db", db]).exit_code == 0
    out = runner.invoke(app, ["status", "郑政〔2017〕34号", "--on", "2020-01-01", "--db", db, "--json"])
    assert json.loads(out.stdout)["state"] == "expired"
    out = runner.invoke(app, ["status", "--on", "2017-10-20", "--db", db, "--json"])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {"id": "郑政-2017-34", "state": "not yet in force"}.items() <= next(r for r in rows if r["id"] == "郑政-2017-34").items()
    out = runner.invoke(app, ["show", "郑政2017-34", "--links", "--db", db])
    assert out.exit_code == 0 and "郑政〔2011〕109号" in out.stdout
    out = runner.invoke(app, ["graph", "--format", "graphml", "--db", db])
    assert out.exit_code == 0 and "<graphml" in out.stdout
    out = runner.invoke(app, ["status", "--on", "2020-13-01", "--db", db])
    assert out.exit_code == 1
