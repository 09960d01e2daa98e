"""The JSON API over the bundled corpus: every endpoint, invalid input and unknown ids."""

from __future__ import annotations

import pytest

# fmt: off
DOCUMENT_FILTERS = [
    # (query, what every item must satisfy)
    ({"issue": "2017-10"},            lambda d: d["issue"] == "2017-10"),
    ({"year": 2018},                  lambda d: (d["date"] or "").startswith("2018")),
    ({"genre": "通知"},               lambda d: d["genre"] == "通知"),
    ({"issuer": "郑州市人民政府办公厅"}, lambda d: d["issuer"] == "郑州市人民政府办公厅"),
    ({"title": "总部经济"},           lambda d: "总部经济" in d["title"]),
    ({"forwarded": "false"},          lambda d: d["attachment_of"] is None),
]
INVALID_QUERIES = [
    ("/api/documents", {"limit": 0}),
    ("/api/documents", {"limit": 101}),
    ("/api/documents", {"offset": -1}),
    ("/api/documents", {"year": "二〇一八"}),
    ("/api/documents", {"on": "2018-13-01"}),
    ("/api/search", {}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "总" * 201}),
    ("/api/search", {"q": "总部", "limit": 1000}),
    ("/api/tasks", {"due_before": "明年"}),
]
# fmt: on


def test_issues_lists_the_five_bundled_issues(client):
    issues = client.get("/api/issues").json()
    assert [i["name"] for i in issues] == ["2017-08", "2017-10", "2018-08", "2018-09", "2022-03"]
    assert sum(i["documents"] for i in issues) >= 106


@pytest.mark.parametrize(("query", "holds"), DOCUMENT_FILTERS)
def test_document_filters(client, query, holds):
    page = client.get("/api/documents", params={**query, "limit": 100}).json()
    assert page["total"] > 0
    assert all(holds(item) for item in page["items"])


def test_documents_are_paged(client):
    first = client.get("/api/documents", params={"limit": 5}).json()
    second = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] >= 106
    assert len(first["items"]) == len(second["items"]) == 5
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}


def test_document_detail_has_provisions_links_and_status(client):
    doc = client.get("/api/documents/郑政-2017-34", params={"on": "2018-06-01"}).json()
    assert doc["doc_no"] == "郑政〔2017〕34号"
    assert doc["date"] == "2017-10-16"
    assert doc["source"] == {"file": "2017-10.txt", "issue": "2017-10", "line_start": 3, "line_end": 169}
    assert [p["eid"] for p in doc["provisions"]][:3] == ["preamble", "chp_1", "chp_2"]
    assert doc["status"] == "in force"
    assert [c["number"] for c in doc["citations"]] == ["郑政〔2011〕109号"]
    assert doc["effect"]["valid_until"] == "2019-10-31"
    assert [e["label"] for e in doc["status_detail"]["timeline"]] == ["成文", "施行", "有效期至"]
    assert "chp_4__art_11__point_1__para_1" in {p["eid"] for p in doc["rules"]["provisions"]}


def test_status_on_a_later_date_is_expired(client):
    doc = client.get("/api/documents/郑政-2017-34", params={"on": "2020-01-01"}).json()
    assert doc["status"] == "expired"


def test_cited_by_lists_the_citing_document(client):
    # 郑政办文〔2017〕55号 forwards (and cites) the text stored as its attachment.
    doc = client.get("/api/documents/郑政办文-2017-55-a1").json()
    assert "郑政办文-2017-55" in [d["id"] for d in doc["cited_by"]]


def test_unknown_document_is_a_json_404(client):
    response = client.get("/api/documents/郑政-1999-1")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "message": "no document '郑政-1999-1'"}


@pytest.mark.parametrize(("path", "params"), INVALID_QUERIES)
def test_invalid_input_is_a_json_422(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422
    assert body["message"].startswith("invalid input")


def test_search_ranks_the_headquarters_measures_first(client):
    result = client.get("/api/search", params={"q": "总部企业"}).json()
    assert result["engine"] == "fulltext"
    assert result["hits"][0]["doc_id"] == "郑政-2017-34"
    assert "【" in result["hits"][0]["snippet"]
    assert {f["value"] for f in result["facets"]["year"]} >= {"2017"}


def test_search_by_document_number(client):
    result = client.get("/api/search", params={"q": "郑政〔2018〕43号"}).json()
    assert result["hits"][0]["doc_id"] == "郑政-2018-43"


def test_search_filters_by_facet(client):
    every = client.get("/api/search", params={"q": "秸秆"}).json()
    only_2017 = client.get("/api/search", params={"q": "秸秆", "year": 2017}).json()
    assert 0 < only_2017["total"] < every["total"]
    assert all((h["date"] or "").startswith("2017") for h in only_2017["hits"])


def test_search_with_no_match_is_empty(client):
    result = client.get("/api/search", params={"q": "量子引力弦论"}).json()
    assert result["total"] == 0 and result["hits"] == []


def test_graph_has_citations_and_repeals(client):
    graph = client.get("/api/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert {"郑政-2017-34", "ext:郑政〔2011〕109号"} <= ids
    assert {"source": "郑政-2017-34", "target": "ext:郑政〔2011〕109号", "kind": "repeals"} in graph["edges"]
    assert {e["source"] for e in graph["edges"]} <= ids and {e["target"] for e in graph["edges"]} <= ids


def test_tasks_board_answers(client):
    board = client.get("/api/tasks").json()
    assert board["available"] is True
    assert board["total"] == len(board["tasks"])
    for task in board["tasks"]:
        assert task["document_id"] and task["span"]["line_start"] >= 1


def test_tasks_for_a_unit_are_a_subset(client):
    every = client.get("/api/tasks").json()["total"]
    one = client.get("/api/tasks", params={"unit": "市财政局"}).json()["total"]
    assert one <= every


def test_rules_list_policies_with_their_inputs(client):
    listing = client.get("/api/rules").json()
    assert listing["available"] is True
    policies = {p["id"]: p for p in listing["policies"]}
    assert {"headquarters", "children", "power_outage"} <= set(policies)
    assert "load_loss_percent" in {i["name"] for i in policies["power_outage"]["inputs"]}


def test_calculate_grades_a_power_outage(client):
    # 郑政办〔2017〕101号 附件1 一、3.: 郑州市区电网减供负荷达到60%以上 → 特别重大 (Ⅰ级).
    response = client.post("/api/rules/power_outage/calculate", json={
        "facts": {"grid_scope": "zhengzhou_urban", "load_loss_percent": 60}, "on": "2018-01-01"})
    assert response.status_code == 200
    results = response.json()["result"]["results"]
    assert results["outage_response_level"]["display"] == "Ⅰ级"
    assert results["outage_grade"]["provisions"][0]["eid"] == "att_1__sec_1__para_3"


def test_calculate_with_a_wrong_fact_is_422(client):
    response = client.post("/api/rules/power_outage/calculate", json={"facts": {"grid_scope": "nowhere"}})
    assert response.status_code == 422
    assert response.json()["message"].startswith("grid_scope")


def test_calculate_unknown_policy_is_404(client):
    response = client.post("/api/rules/no-such-policy/calculate", json={"facts": {}})
    assert response.status_code == 404
    assert response.json()["message"] == "no policy 'no-such-policy'"


@pytest.mark.parametrize("body", [{"facts": "not an object"}, {"facts": {}, "on": "2018-02-30x"}, [1, 2]])
def test_calculate_invalid_body_is_422(client, body):
    response = client.post("/api/rules/headquarters/calculate", json=body)
    assert response.status_code == 422
    assert response.json()["status"] == 422


def test_openapi_is_served(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/issues", "/api/documents", "/api/documents/{doc_id}", "/api/search", "/api/graph",
            "/api/tasks", "/api/rules", "/api/rules/{policy}/calculate"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 200
