"""Server-rendered pages through FastAPI's TestClient: content, escaping, downloads, uploads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gongbao import store
from gongbao.web import create_app

FIXTURE = Path(__file__).parents[1] / "fixtures" / "web" / "script-issue.txt"
HTML = {"accept": "text/html"}

# fmt: off
PAGES = [
    # (path, text the page must show)
    ("/",                          "郑州市人民政府公报"),
    ("/documents?issue=2018-08",   "郑政〔2018〕35号"),
    ("/documents/郑政-2017-34",     "第十一条"),
    ("/search?q=总部企业",          "郑州市人民政府关于印发郑州市加快总部经济发展激励暂行办法的通知"),
    ("/graph",                     "文件引用关系图"),
    ("/tasks",                     "任务看板"),
    ("/rules",                     "大面积停电事件分级与响应"),
    ("/rules/headquarters",        "在郑州市实缴注册资本"),
    ("/upload",                    "管理员令牌"),
]
# fmt: on


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_page_shows(client, path, text):
    response = client.get(path, headers=HTML)
    assert response.status_code == 200
    assert text in response.text


def test_document_page_anchors_every_provision(client):
    html = client.get("/documents/郑政-2017-34").text
    for eid in ("chp_1", "chp_2__art_5", "chp_4__art_11__point_1__para_1", "chp_6__art_22"):
        assert f'id="{eid}"' in html
    assert 'href="#chp_2"' in html  # table of contents


def test_document_page_shows_status_and_timeline(client):
    html = client.get("/documents/郑政-2017-34").text
    assert 'data-status="expired"' in html
    assert re.search(r'<ol class="timeline".*2017-11-01.*施行.*2019-10-31.*有效期至', html, re.S)


def test_document_page_links_citations_to_stored_documents(client):
    html = client.get("/documents/郑政办文-2017-55").text
    assert 'class="citation" href="/documents/%E9%83%91%E6%94%BF%E5%8A%9E%E6%96%87-2017-55-a1"' in html


def test_document_page_renders_tables(client):
    html = client.get("/documents/郑政-2017-24").text
    table = re.search(r'<figure class="table" id="att_1__table_1">.*?</figure>', html, re.S).group(0)
    assert "<th>电厂名称</th>" in table and "郑州裕中能源有限责任公司" in table
    # Numbers (cells with a parsed value) are marked for right alignment; names are not.
    assert "<td>全市合计</td>" in table and '<td class="num">8265</td>' in table


def test_side_by_side_shows_the_original_lines(client):
    html = client.get("/documents/郑政-2017-34?original=1").text
    assert 'class="document show-original"' in html
    # The printed title is split by a stray space in the gazette; the original keeps it.
    assert "关于印发郑州市加快总部经济发展激励 暂行办法的通知" in html


def test_search_page_highlights_and_facets(client):
    html = client.get("/search", params={"q": "总部企业"}).text
    assert "<mark>总部企业</mark>" in html
    assert 'data-facet="year"' in html and 'data-facet="genre"' in html


def test_unknown_document_page_is_an_html_404(client):
    response = client.get("/documents/郑政-1999-1", headers=HTML)
    assert response.status_code == 404
    assert "没有文件 郑政-1999-1" in response.text


def test_tasks_download_as_csv_and_icalendar(client):
    csv = client.get("/tasks.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("due,deadline")
    ics = client.get("/tasks.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")


def test_calculator_form_posts_and_shows_the_result(client):
    html = client.post("/rules/power_outage", data={
        "grid_scope": "zhengzhou_urban", "load_loss_percent": "60", "_on": "2018-01-01"}).text
    assert "Ⅰ级" in html and "郑政办〔2017〕101号 附件1 一、3." in html


def test_calculator_form_reports_a_bad_number(client):
    response = client.post("/rules/power_outage", data={"grid_scope": "zhengzhou_urban", "load_loss_percent": "六十"})
    assert response.status_code == 422
    assert "请填写数字" in response.text


# -- a store of its own for escaping and uploads ------------------------------------


@pytest.fixture()
def fresh(tmp_path) -> tuple[TestClient, Path]:
    data_dir = tmp_path / "data"
    app = create_app(tmp_path / "store.sqlite3", admin_token="s3cret", data_dir=data_dir)
    return TestClient(app), data_dir


def _upload(client: TestClient, token: str | None, name: str = "2099-01.txt", data: bytes | None = None,
            content_type: str = "text/plain"):
    form = {"token": token} if token is not None else {}
    return client.post("/upload", data=form, files={"file": (name, data or FIXTURE.read_bytes(), content_type)},
                       headers=HTML)


def test_gazette_text_is_escaped(fresh):
    client, data_dir = fresh
    preview = _upload(client, "s3cret")
    assert preview.status_code == 200 and "<script>alert" not in preview.text
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', preview.text).group(1)
    confirmed = client.post("/upload/confirm", data={"digest": digest, "name": "2099-01", "token": "s3cret"},
                            follow_redirects=False)
    assert confirmed.status_code == 303
    html = client.get("/documents/郑政-2017-34").text
    assert '&lt;script&gt;alert(&#34;gongbao&#34;)&lt;/script&gt;' in html
    assert "<script>alert" not in html
    assert (data_dir / "gazettes" / "2099-01.txt").read_bytes() == FIXTURE.read_bytes()


def test_upload_refused_without_token(fresh):
    client, _ = fresh
    for token in (None, "", "wrong"):
        response = _upload(client, token)
        assert response.status_code == 403
        assert "令牌" in response.text


def test_upload_refused_when_no_token_is_configured(tmp_path):
    client = TestClient(create_app(tmp_path / "s.sqlite3", admin_token="", data_dir=tmp_path / "d"))
    response = client.post("/upload", data={"token": ""}, files={"file": ("2099-01.txt", b"x", "text/plain")})
    assert response.status_code == 403
    assert "未配置管理员令牌" in response.json()["message"]


def test_upload_preview_writes_nothing_to_the_store(fresh, tmp_path):
    client, data_dir = fresh
    html = _upload(client, "s3cret").text
    assert "预览：2099-01 期，1 件文件" in html
    assert "郑政〔2017〕34号" in html
    conn = store.connect(tmp_path / "store.sqlite3")
    assert store.documents(conn) == []
    assert [p.name for p in (data_dir / "pending").iterdir()][0].endswith(".txt")


# fmt: off
REFUSED_UPLOADS = [
    # (file name, bytes, content type, status, message fragment)
    ("../../etc/2099-01.txt", None,                         "text/plain", 422, "文件名"),
    ("2099-01.exe",           None,                         "text/plain", 422, "文件名"),
    ("2099-01.txt",           None,                         "image/png",  415, "纯文本"),
    ("2099-01.txt",           b"%PDF-1.7 binary",           "text/plain", 422, "PDF"),
    ("2099-01.txt",           "今天天气很好。".encode(),       "text/plain", 422, "no gazette document"),
    ("2099-01.txt",           b"a" * (8 * 1024 * 1024 + 1), "text/plain", 413, "文件过大"),
]
# fmt: on


@pytest.mark.parametrize(("name", "data", "content_type", "status", "message"), REFUSED_UPLOADS)
def test_upload_refused(fresh, name, data, content_type, status, message):
    client, data_dir = fresh
    response = _upload(client, "s3cret", name, data, content_type)
    assert response.status_code == status
    assert message in response.text
    assert not (data_dir / "gazettes").exists()


def test_confirm_refuses_a_path_as_issue_name(fresh):
    client, data_dir = fresh
    response = client.post("/upload/confirm", data={"digest": "0" * 64, "name": "../x", "token": "s3cret"})
    assert response.status_code == 422
    assert not (data_dir / "gazettes").exists()


def test_search_cache_is_emptied_by_an_upload(fresh):
    # An empty store finds nothing; once an issue is confirmed the same query finds it
    # (the cached empty answer belongs to the old store generation).
    client, _ = fresh
    assert client.get("/api/search", params={"q": "总部经济"}).json()["total"] == 0
    preview = _upload(client, "s3cret")
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', preview.text).group(1)
    client.post("/upload/confirm", data={"digest": digest, "name": "2099-01", "token": "s3cret"},
                follow_redirects=False)
    found = client.get("/api/search", params={"q": "总部经济"}).json()
    assert [h["doc_id"] for h in found["hits"]] == ["郑政-2017-34"]


def test_cached_answers_equal_computed_ones(corpus_db, monkeypatch, tmp_path):
    # GONGBAO_WEB_CACHE=0 turns the caches off: the benchmark's cold round. Both apps must
    # answer byte for byte the same, on the first and on a repeated request.
    cached = TestClient(create_app(corpus_db, data_dir=tmp_path / "a"))
    monkeypatch.setenv("GONGBAO_WEB_CACHE", "0")
    uncached = TestClient(create_app(corpus_db, data_dir=tmp_path / "b"))
    for path in ("/api/search?q=留守儿童&limit=2&offset=1", "/api/search?q=煤&year=2018",
                 "/documents/郑政-2017-34", "/documents/郑政-2017-34?original=1", "/search?q=容缺受理"):
        first = cached.get(path, headers=HTML).content
        assert cached.get(path, headers=HTML).content == first == uncached.get(path, headers=HTML).content
    assert len(cached.app.state.catalog.search_cache) > 0
    assert len(uncached.app.state.catalog.search_cache) == 0


# fmt: off
STATUS_REASONS = [
    # (document, the reason next to its badge, in Chinese)
    ("郑政-2017-34", "有效期至2019-10-31"),              # 第四条 有效期两年, from 2017-11-01
    ("郑政-2017-24", "未载明施行日期，按惯例自成文日期2017-08-03起施行"),
]
# fmt: on


@pytest.mark.parametrize(("doc_id", "reason"), STATUS_REASONS)
def test_status_reason_is_chinese(client, doc_id, reason):
    html = client.get(f"/documents/{doc_id}").text
    shown = re.search(r'<span class="muted reason">（\d{4}-\d\d-\d\d：(.*?)）</span>', html, re.S).group(1)
    assert shown == reason
    assert client.get(f"/api/documents/{doc_id}").json()["status_detail"]["reason_zh"] == reason
