"""The pages in a real browser: Debian's chromium, headless, driven by Playwright.

Each test walks what a person does; screenshots of the document and graph pages are saved
under build/web/ for a person to look at (build/ is not committed).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_search_from_the_home_page_and_open_a_result(page: Page):
    page.goto("/")
    page.fill("#home-q", "总部企业")
    page.press("#home-q", "Enter")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    first = page.locator("li.hit").first
    expect(first.locator("mark").first).to_have_text(re.compile("总部|企业"))
    first.locator("a.title").click()
    expect(page.locator("h1")).to_have_text("郑州市人民政府关于印发郑州市加快总部经济发展激励暂行办法的通知")


def test_follow_a_citation_link(page: Page):
    page.goto("/documents/郑政办文-2017-55")
    link = page.locator("aside.links a.citation").first
    target = link.get_attribute("href")
    link.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator("dl.docmeta")).to_contain_text("来源")


def test_provision_anchor_is_scrolled_to(page: Page):
    page.goto("/documents/郑政-2017-34#chp_4__art_11")
    section = page.locator("#chp_4__art_11")
    expect(section).to_be_in_viewport()
    expect(section).to_contain_text("第十一条")


def test_read_a_status_badge(page: Page, build_dir):
    page.goto("/documents/郑政-2017-34")
    badge = page.locator("dl.docmeta .badge")
    expect(badge).to_have_text("已失效")  # 有效期两年 from 2017-11-01: expired after 2019-10-31
    expect(page.locator("ol.timeline")).to_contain_text("有效期至")
    page.screenshot(path=str(build_dir / "document.png"), full_page=False)


def test_toggle_the_original_gazette_lines(page: Page):
    page.goto("/documents/郑政-2017-34")
    original = page.locator("section.original")
    expect(original).to_be_hidden()
    page.click("#toggle-original")
    expect(original).to_be_visible()
    expect(original).to_contain_text("关于印发郑州市加快总部经济发展激励 暂行办法的通知")


def test_fill_a_calculator_form_and_read_the_result(page: Page):
    page.goto("/rules")
    page.click("text=大面积停电事件分级与响应")
    page.select_option("#f-grid_scope", "zhengzhou_urban")
    page.fill("#f-load_loss_percent", "60")
    page.fill("#f-on", "2018-01-01")
    page.click("form.calculator button[type=submit]")
    result = page.locator("#result")
    expect(result.locator('dd[data-name="outage_response_level"]')).to_contain_text("Ⅰ级")
    expect(result.locator("ul.provisions")).to_contain_text("郑政办〔2017〕101号")


def test_upload_refused_without_the_token(page: Page):
    page.goto("/upload")
    page.set_input_files("#file", files=[{"name": "2099-01.txt", "mimeType": "text/plain",
                                          "buffer": "郑州市人民政府\n".encode()}])
    with page.expect_response(lambda r: r.url.endswith("/upload") and r.request.method == "POST") as answer:
        page.click("#upload-form button[type=submit]")
    assert answer.value.status == 403
    expect(page.locator("section.error")).to_contain_text("令牌")


def test_graph_page_links_documents(page: Page, build_dir):
    page.goto("/graph")
    node = page.locator('svg.graph a.node[data-id="郑政-2017-34"]')
    expect(node).to_have_count(1)
    expect(page.locator("svg.graph path.edge.repeals").first).to_be_attached()
    page.screenshot(path=str(build_dir / "graph.png"), full_page=False)
    node.click()
    expect(page.locator("h1")).to_contain_text("总部经济发展激励暂行办法")


def test_tasks_board_marks_overdue(page: Page):
    page.goto("/tasks")
    expect(page.locator("h1")).to_have_text("任务看板")
    expect(page.locator("li.task.overdue").first).to_contain_text("已逾期")
