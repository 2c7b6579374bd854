"""The HTML report: static checks of the page, then the page itself in a real headless Chromium.

The browser tests need the distribution's ``chromium`` and ``chromium-driver`` packages (CI installs
them in ``.ci/run``) and skip with the reason when they are absent. Screenshots of the overview and
of an article view go to ``tests/artifacts/`` (kept by CI, ignored by git).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from newslint.formats.html import script_json

from browser import find_browser, start_browser, stop_browser
from conftest import FIXTURES, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
SAMPLES = FIXTURES / "samples"
SEED = SAMPLES / "seed_article.txt"


def make_report(cli, out: Path, *paths, cwd=ROOT) -> Path:
    proc = cli("check", "--isolated", "--output-format", "html", "-o", str(out), *map(str, paths), cwd=cwd)
    assert proc.returncode in (0, 1), proc.err
    return out


def json_findings(cli, *paths, cwd=ROOT) -> list[dict]:
    proc = cli("check", "--isolated", "--output-format", "json", *map(str, paths), cwd=cwd)
    return json.loads(proc.out)


# -- without a browser -------------------------------------------------------------------------------
def test_script_json_cannot_close_its_element():
    hostile = "</script><script>alert(1)</script><!-- \u2028 & </SCRIPT >"
    text = script_json({"t": hostile})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": hostile}


def test_page_is_self_contained_with_a_hash_pinned_csp(cli, tmp_path):
    page = make_report(cli, tmp_path / "r.html", SEED).read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1 and len(styles) == 1

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {digest(scripts[0])};" in csp and f"style-src {digest(styles[0])};" in csp
    # nothing that would fetch: no src/href attributes, imports, url() or web fonts
    assert not re.search(r"\ssrc=|\shref=|@import|url\(|@font-face", page)
    assert ".innerHTML" not in scripts[0] and ".outerHTML" not in scripts[0]
    assert "insertAdjacentHTML" not in scripts[0] and "document.write" not in scripts[0] and "eval(" not in scripts[0]


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="newslint-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


def test_streamed_jsonl_records_keep_their_spans(tmp_path, monkeypatch):
    """A large JSON Lines file reaches the reporter in chunks of lines; every finding's text in the
    page is still the file's text at the finding's position (JSON escapes decoded)."""
    import newslint.inputs as inputs
    from newslint.cli import main
    from newslint.formats.html import HtmlReporter

    monkeypatch.setattr(inputs, "STREAM_JSONL_BYTES", 2_000)
    monkeypatch.setattr(inputs, "CHUNK_BYTES", 6_000)
    lines = [line for line in (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("\n".join(lines[i % len(lines)] for i in range(12)) + "\n", encoding="utf-8")
    calls = []
    add = HtmlReporter.add
    monkeypatch.setattr(HtmlReporter, "add", lambda self, path, diags, source=None: (calls.append(path), add(self, path, diags, source)))
    out = tmp_path / "big.html"
    assert main(["check", "--isolated", "--jobs", "1", "--exit-zero", "--output-format", "html", "-o", str(out), str(corpus)]) == 0
    assert len(calls) > 2, "the file was not streamed in chunks"
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["articles_checked"] == 12
    n = 0
    for art in data["articles"]:
        assert art["record"] is not None and art["id"] == "seed-1"
        for code, sev, msg, conf, sec, b, e, line, col, end_line, end_col in (f[:11] for f in art["f"]):
            assert sec >= 0
            text = art["sections"][sec]["text"].encode("utf-16-le")[2 * b:2 * e].decode("utf-16-le")
            assert text == source_text(corpus, {"line": line, "col": col, "end_line": end_line, "end_col": end_col})
            n += 1
    assert n == len(json_findings_in_process(corpus, monkeypatch))


def json_findings_in_process(path: Path, monkeypatch) -> list[dict]:
    import contextlib
    import io

    from newslint.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        main(["check", "--isolated", "--jobs", "1", "--exit-zero", "--output-format", "json", str(path)])
    return json.loads(buf.getvalue())


def test_confidence_and_unknown_rules_reach_the_page():
    """Diagnostics may carry a confidence (read with getattr, default 1.0) and come from rules the
    reporter was not told about."""
    import dataclasses
    import io

    from newslint.diagnostics import Diagnostic
    from newslint.formats import Summary
    from newslint.formats.html import HtmlReporter

    @dataclasses.dataclass(frozen=True)
    class Scored(Diagnostic):
        confidence: float = 1.0

    source = "Headline here\n\nSkip to content\nBody text.\n"
    diags = [Scored(path="a.txt", code="NL301", rule="boilerplate-line", severity="warning", message="m",
                    line=3, column=1, end_line=3, end_column=16, confidence=0.625),
             Diagnostic(path="a.txt", code="ZZ999", rule="other", severity="info", message="n",
                        line=4, column=1, end_line=4, end_column=5)]
    stream = io.StringIO()
    reporter = HtmlReporter(stream, {})
    reporter.add("a.txt", diags, source)
    reporter.finish(Summary(files=1, files_with_findings=1))
    data = page_data(stream.getvalue())
    (art,) = data["articles"]
    assert [f[3] for f in art["f"]] == [0.625, 1.0]
    assert [source[f[5]:f[6]] for f in art["f"]] == ["Skip to content", "Body"]
    assert {r["code"] for r in data["rules"]} == {"NL301", "ZZ999"}


# Diagnostic.fix as the fixes branch shapes it (edits over the source, or over one JSON string's
# value named by ``literal``); the reporter reads it by duck typing.
@__import__("dataclasses").dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str = ""


@__import__("dataclasses").dataclass(frozen=True)
class Fix:
    edits: tuple
    safety: str = "safe"
    literal: tuple | None = None


def fixed_page(tmp_path: Path) -> tuple[Path, str]:
    """A page made in-process from findings that carry fixes: a text file and a JSON Lines record."""
    import dataclasses
    import io

    from newslint.diagnostics import Diagnostic
    from newslint.formats import Summary
    from newslint.formats.html import HtmlReporter

    @dataclasses.dataclass(frozen=True)
    class Fixable(Diagnostic):
        fix: object = None

    text = "Headline of the day\n\nSkip to content\nBody of the story.\n"
    record = '{"id": "r1", "title": "Headline", "body": "Read also:\\nBody \\u00e9 text."}\n'
    body_at = record.index('"Read')
    findings = {
        "a.txt": (text, [Fixable(path="a.txt", code="NL301", rule="boilerplate-line", severity="warning", message="m",
                                 line=3, column=1, end_line=3, end_column=16, fix=Fix((Edit(21, 37),)))]),
        "b.jsonl": (record, [Fixable(path="b.jsonl", code="NL301", rule="boilerplate-line", severity="warning",
                                     message="m", line=1, column=body_at + 2, end_line=1, end_column=body_at + 12,
                                     record=1, field="/body",
                                     fix=Fix((Edit(0, 11),), "unsafe", (body_at + 1, len(record) - 3)))]),
    }
    stream = io.StringIO()
    reporter = HtmlReporter(stream, {})
    for path, (source, diags) in findings.items():
        reporter.add(path, diags, source)
    reporter.finish(Summary(files=2, files_with_findings=2))
    out = tmp_path / "fixes.html"
    out.write_text(stream.getvalue(), encoding="utf-8")
    return out, stream.getvalue()


def test_fixes_are_placed_in_the_text_shown(tmp_path):
    _, page = fixed_page(tmp_path)
    data = page_data(page)
    placed = {}
    for art in data["articles"]:
        (f,) = art["f"]
        fix = f[11]
        (edit,) = fix["edits"]
        sec, b, e, repl = edit
        placed[art["path"]] = (fix["safety"], art["sections"][sec]["text"][b:e], repl)
    assert placed == {"a.txt": ("safe", "Skip to content\n", ""), "b.jsonl": ("unsafe", "Read also:\n", "")}


# -- in the browser ------------------------------------------------------------------------------------
CHROMIUM, CHROMEDRIVER, WHY = find_browser()
if CHROMIUM is None and os.environ.get("NEWSLINT_REQUIRE_BROWSER") == "1":  # .ci/run installed it: must run
    raise RuntimeError(f"NEWSLINT_REQUIRE_BROWSER=1 but the browser tests cannot run: {WHY}")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason=WHY)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip(WHY)
    driver = start_browser(CHROMIUM, CHROMEDRIVER)
    yield driver
    stop_browser(driver)


def load(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.documentElement.dataset.ready") == "true", "the page did not draw"


def console_errors(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]


def screenshot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / name))


# One call per article: every finding listed beside the text, with the text of its highlights.
COLLECT = """
return Array.from(document.querySelectorAll('#findings li.finding')).map(function (li) {
  var marks = document.querySelectorAll('article.text mark[data-f~="' + li.dataset.id + '"]');
  return {id: li.dataset.id, code: li.dataset.code, line: +li.dataset.line, col: +li.dataset.col,
          end_line: +li.dataset.endLine, end_col: +li.dataset.endCol, located: li.dataset.located === 'true',
          hidden: li.hidden, marks: marks.length,
          text: Array.from(marks).map(function (m) { return m.textContent; }).join('')};
});"""


def source_text(path: Path, d: dict) -> str:
    """The text a finding covers, from the file itself (JSON string escapes decoded)."""
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    if d["line"] == d["end_line"]:
        raw = lines[d["line"] - 1][d["col"] - 1:d["end_col"] - 1]
    else:
        raw = "\n".join([lines[d["line"] - 1][d["col"] - 1:], *lines[d["line"]:d["end_line"] - 1],
                         lines[d["end_line"] - 1][:d["end_col"] - 1]])
    if path.suffix in (".json", ".jsonl"):
        return json.loads('"' + raw + '"')
    return raw


def articles(driver) -> list:
    return driver.find_elements("css selector", "ol.articles li button.pick")


def check_every_highlight(driver, root: Path, expected: list[dict]) -> int:
    """Open every article; each finding's highlighted text equals the file's text at its span."""
    driver.find_element("id", "tab-articles").click()
    seen = 0
    count = len(articles(driver))
    assert count > 0
    for i in range(count):
        articles(driver)[i].click()
        path = root / driver.find_element("css selector", "article.text").get_attribute("data-path")
        for d in driver.execute_script(COLLECT):
            assert d["located"], d
            assert d["marks"] > 0 or d["line"] == d["end_line"] and d["col"] == d["end_col"], d
            assert d["text"] == source_text(path, d), (path, d)
            seen += 1
    assert seen == len(expected)
    return seen


@needs_browser
def test_seed_article_report(cli, browser, tmp_path):
    report = make_report(cli, tmp_path / "seed.html", SEED)
    expected = json_findings(cli, SEED)
    load(browser, report)
    cards = {c.find_element("class name", "lbl").text: c.find_element("class name", "num").text
             for c in browser.find_elements("css selector", ".card")}
    assert cards["files checked"] == "1" and cards["findings"] == str(len(expected))
    bars = browser.find_elements("css selector", "svg.chart rect")
    assert len(bars) == len({d["code"] for d in expected})
    screenshot(browser, "html-report-overview.png")
    check_every_highlight(browser, ROOT, expected)
    articles(browser)[0].click()
    browser.execute_script("window.scrollTo(0, 0)")
    screenshot(browser, "html-report-article.png")
    # the title is marked, findings sit beside the text, the note links to the rule's embedded doc
    assert browser.find_elements("css selector", ".row.title-line")
    link = browser.find_element("css selector", "#note a.doc")
    code = browser.find_element("css selector", "#note .code").text
    link.click()
    assert browser.find_element("id", f"rule-{code}").is_displayed()
    assert browser.find_element("id", "rules").is_displayed()
    assert console_errors(browser) == []


@needs_browser
def test_sample_folder_report_highlights_filters_and_keys(cli, browser, tmp_path):
    report = make_report(cli, tmp_path / "samples.html", "fixtures/samples")
    expected = json_findings(cli, "fixtures/samples")
    load(browser, report)
    check_every_highlight(browser, ROOT, expected)

    # keyboard: j moves to the next finding, k back
    articles(browser)[0].click()

    def current():
        return browser.execute_script("var li = document.querySelector('#findings li.current'); return li && li.dataset.id")

    first = current()
    body = browser.find_element("tag name", "body")
    body.send_keys("j")
    second = current()
    assert second is not None and second != first
    body.send_keys("k")
    assert current() == first

    # a family filter hides that family's findings and the articles left with none
    before = len(articles(browser))
    browser.find_element("css selector", 'button.chip[data-family="NL1xx"]').click()
    state = browser.execute_script(COLLECT)
    assert state and all(d["hidden"] == d["code"].startswith("NL1") for d in state)
    marks = browser.execute_script("""return Array.from(document.querySelectorAll('article.text mark[data-f]')).map(
        function (m) { return [m.classList.contains('off'), m.dataset.f]; });""")
    codes = {d["id"]: d["code"] for d in state}
    for off, ids in marks:
        assert off == all(codes[i].startswith("NL1") for i in ids.split()), (off, ids)
    # the severity filter: errors off leaves only warnings listed
    browser.find_element("css selector", 'button.chip[data-family="NL1xx"]').click()
    browser.find_element("css selector", 'button.chip[data-severity="error"]').click()
    state = browser.execute_script(COLLECT)
    levels = {d["code"]: d["severity"] for d in expected}
    assert all(d["hidden"] == (levels[d["code"]] == "error") for d in state)
    browser.find_element("css selector", 'button.chip[data-severity="error"]').click()
    # the rule and file selects
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "filter-rule")).select_by_value("NL302")
    assert all(d["hidden"] == (d["code"] != "NL302") for d in browser.execute_script(COLLECT))
    Select(browser.find_element("id", "filter-rule")).select_by_value("")
    Select(browser.find_element("id", "filter-file")).select_by_value("fixtures/samples/seed_article.md")
    assert len(articles(browser)) == 1
    Select(browser.find_element("id", "filter-file")).select_by_value("")
    assert len(articles(browser)) == before
    # the search box narrows the list
    box = browser.find_element("id", "filter-search")
    box.send_keys("seed_article.html")
    browser.implicitly_wait(0)
    import time

    deadline = time.time() + 5
    while len(articles(browser)) != 1 and time.time() < deadline:
        time.sleep(0.05)
    assert len(articles(browser)) == 1
    assert console_errors(browser) == []


@needs_browser
def test_a_clean_run_draws_an_all_clear_page(cli, browser, tmp_path):
    report = make_report(cli, tmp_path / "clean.html", SAMPLES / "clean_bbc_article.txt")
    load(browser, report)
    cards = {c.find_element("class name", "lbl").text: c.find_element("class name", "num").text
             for c in browser.find_elements("css selector", ".card")}
    assert cards["files checked"] == "1" and cards["findings"] == "0"
    browser.find_element("id", "tab-articles").click()
    assert "No article matches" in browser.find_element("css selector", "article.text").text
    browser.find_element("tag name", "body").send_keys("j")  # nothing to move to: no error either
    assert console_errors(browser) == []


@needs_browser
def test_what_fix_would_remove_is_struck_through(browser, tmp_path):
    page, _ = fixed_page(tmp_path)
    load(browser, page)
    browser.find_element("id", "tab-articles").click()
    struck = {}
    for i in range(len(articles(browser))):
        articles(browser)[i].click()
        path = browser.find_element("css selector", "article.text").get_attribute("data-path")
        struck[path] = browser.execute_script("""return Array.from(document.querySelectorAll('article.text .fix-del'))
            .filter(function (n) { var c = getComputedStyle(n); return c.textDecorationLine === 'line-through' && c.display !== 'none'; })
            .map(function (n) { return n.textContent; }).join('');""")
        assert "--fix" in browser.find_element("id", "note").text
    assert struck == {"a.txt": "Skip to content", "b.jsonl": "Read also:"}  # the line break goes too, unseen
    browser.find_element("css selector", 'button.chip[data-severity="warning"]').click()  # its finding hidden
    assert browser.execute_script("return document.querySelectorAll('article.text .fix-del:not(.fix-off)').length") == 0
    assert console_errors(browser) == []


HOSTILE_LINES = [
    "<script>alert(1)</script>",
    "</textarea><img src=x onerror=\"alert(2);document.body.dataset.pwned=1\">",
    "</script><script>alert(3)</script>",
    "</style><style>body{display:none}</style>",
    "<a href=\"javascript:alert(4)\">javascript:alert(4)</a>",
    "<svg onload=alert(5)></svg><!-- <iframe srcdoc='<script>alert(6)</script>'>",
    "\U0001f5de\ufe0f astral \U0001d11e and separators \u2028 \u2029 & &amp; &lt;script&gt;",  # UTF-16 offsets in the page
]
HOSTILE_NAMES = ["x<img src=x onerror=alert(7)>.txt", "javascript:alert(8).md", "\"><svg onload=alert(9)>.txt"]


def hostile_corpus(folder: Path) -> None:
    seed = SEED.read_text(encoding="utf-8").split("\n")
    # hostile text in the title (repeated: NL101 highlights it), in chrome lines and in the body
    title = "Ministers sign <script>alert(10)</script> deal \U0001f5de </textarea></style> on aid workers"
    lines = [title, "", *(f"Skip to content {h}" for h in HOSTILE_LINES), "", title, "", *seed[13:], "", *HOSTILE_LINES]
    text = "\n".join(lines)
    for name in HOSTILE_NAMES:
        (folder / name).write_text(text, encoding="utf-8")
    records = [{"id": "<script>alert(11)</script>", "url": "javascript:alert(12)", "source": "</script><b>x</b>",
                "title": title, "body": "\n".join(lines[1:])}]
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


@needs_browser
def test_hostile_text_cannot_run_or_change_the_page(cli, browser, tmp_path):
    hostile_corpus(tmp_path)
    report = make_report(cli, tmp_path / "hostile.html", ".", cwd=tmp_path)
    expected = json_findings(cli, ".", cwd=tmp_path)
    assert len(expected) > 10
    load(browser, report)
    seen = check_every_highlight(browser, tmp_path, expected)
    assert seen == len(expected)
    shown = browser.execute_script("return document.body.textContent")
    for needle in ["<script>alert(1)</script>", "</textarea>", "javascript:alert(4)", "onerror=", "</style>", *HOSTILE_NAMES]:
        assert needle in shown, needle
    marked = browser.execute_script(
        "return Array.from(document.querySelectorAll('article.text mark')).map(function (m) { return m.textContent; }).join('')")
    assert "<script>" in marked  # hostile text sits inside highlights, not only around them
    browser.execute_script("window.scrollTo(0, 0)")
    screenshot(browser, "html-report-hostile.png")
    for i in range(len(articles(browser))):
        articles(browser)[i].click()
    browser.find_element("id", "tab-overview").click()
    browser.find_element("id", "tab-rules").click()
    # nothing from the articles ran or got in
    assert browser.execute_script("return window.__dialogs") == []
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 - the property raises when no dialog is open
    state = browser.execute_script("""return {
        scripts: document.scripts.length, styles: document.querySelectorAll('style').length,
        foreign: document.querySelectorAll('img, iframe, object, embed, a[href^="javascript"], textarea, form, link, base, meta[http-equiv="refresh"]').length,
        svgs: Array.from(document.querySelectorAll('svg')).filter(function (s) { return !s.classList.contains('chart'); }).length,
        handlers: Array.from(document.querySelectorAll('*')).filter(function (e) {
          return Array.from(e.attributes).some(function (a) { return /^on/i.test(a.name); }); }).length,
        pwned: document.body.dataset.pwned || null, title: document.title,
        bodyShown: getComputedStyle(document.body).display};""")
    assert state == {"scripts": 2, "styles": 1, "foreign": 0, "svgs": 0, "handlers": 0, "pwned": None,
                     "title": "newslint report", "bodyShown": "block"}
    assert console_errors(browser) == []
