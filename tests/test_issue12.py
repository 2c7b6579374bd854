"""Issue 12: findings true on real pages. Messages that name their evidence, the HTML reader's
handling of <noscript>, <pre>, malformed comments and footnote markup, and the charset prescan."""
from __future__ import annotations


from newslint.charset import declared_html_charset, decode_declared
from newslint.config import Config
from newslint.parsers.html import parse_html
from newslint.plugins import load_registry
from newslint.testing import RuleTester

RULES = load_registry(Config()).rules


def lint(code: str, text: str):
    return RuleTester(RULES[code]).lint(text)


def test_source_credit_is_not_called_a_photo_credit():
    text = "Floods close the road\n\nThe coastal road was closed on Monday after heavy rain, police said.\nSource: Reuters\n"
    assert [d.message for d in lint("NL303", text)] == ["source credit 'Source: Reuters' left in the body"]


def test_headings_with_credit_words_are_not_credits():
    for heading in ("PICTURE BOOKS", "Photo Sources and Display Controls", "Credit card vs no credit card",
                    "Photos at S.A. Parties", "By Any Means Necessary", "Trending On Reuters"):
        text = f"Books of the year\n\nThe year brought many fine books for readers of every age.\n{heading}\n"
        assert lint("NL303", text) == [], heading


def test_title_variant_names_what_differs_and_never_says_100():
    text = "Fiat mulls Ferrari market listing\n\nBREAKING: Fiat mulls Ferrari market listing\n\nShares rose.\n"
    (d,) = lint("NL102", text)
    assert d.message == "near-variant of the title at line 1 (adds 'breaking'; similarity 88)"
    assert "similarity 100" not in d.message


def test_a_deck_and_key_points_are_not_competing_headlines():
    deck = ("LLMs fall short of a toddler in the field of AI, and the pioneer who built it explains why\n\n"
            "LLMs mimic intelligence but lack grounded understanding\n"
            "The pioneer argues that true intelligence needs models of the world\n"
            "Next-generation LLMs learn through prediction, action and intuition\n\n"
            "Large language models impress many users, but not one of the people who built the field.\n")
    assert lint("NL103", deck) == []
    rival = deck.replace("LLMs mimic intelligence but lack grounded understanding",
                         "Pioneer Says LLMs Fall Short Of A Toddler")
    (d,) = lint("NL103", rival)
    assert d.line == 3
    assert d.message.startswith("competing headline before the body (Title Case under a sentence-case title;")


def test_weak_generated_cue_needs_company():
    alone = "A post\n\nThe details are outside the scope of this post but feel free to ask me about it anytime.\n"
    assert lint("NL403", alone) == []
    paired = alone + "\nI hope this helps! Let me know if you need another version.\n"
    assert {d.message for d in lint("NL403", paired)} >= {"chat-assistant phrase 'feel free to ask' left in the article"}


def test_html_skips_noscript_and_pre_and_survives_broken_comments():
    source = ("<html><body><h1>Title of the page here</h1><!-- nav --!><script>var a = '[7] [8]';</script>"
              "<noscript><img src='https://pixel.example/p.gif?cb=INSERT_RANDOM_NUMBER_HERE'></noscript>"
              "<pre>}\n);</pre><!--><p>Body text of the article.</p><!---><p>More text.</p></body></html>")
    doc = parse_html("a.html", source)
    texts = [b.text for b in doc.blocks]
    assert texts == ["Title of the page here", "Body text of the article.", "More text."]
    # positions stay exact after the comment rewrite
    body = doc.blocks[1]
    assert source[body.source_offset(0):body.source_end(len(body.text))] == "Body text of the article."


def test_html_note_labels_come_from_ids_not_positions():
    source = ("<html><body><h1>Harbour tramway history</h1><p>The line opened in 1887 after a long debate."
              "<sup><a href='#cite_note-3'>[3]</a></sup></p><ol class='references'>"
              "<li id='cite_note-3'>^ Harbour Board minutes.</li></ol></body></html>")
    assert RuleTester(RULES["NL201"]).lint(source, filename="a.html") == []
    assert RuleTester(RULES["NL202"]).lint(source, filename="a.html") == []


def test_declared_charset_prescan():
    page = b'<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><p>cr\xe8me</p></body></html>'
    assert declared_html_charset(page) == "cp1252"  # WHATWG: Latin-1 labels mean windows-1252
    assert "Café" in decode_declared(page)
    legacy = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>\xcf\xf0\xe8</p>'
    assert declared_html_charset(legacy) == "cp1251"
    assert declared_html_charset(b"<!-- <meta charset=latin1> --><p>x</p>") is None
    assert decode_declared(b"<p>plain</p>") is None


def test_a_latin1_page_that_declares_its_charset_is_linted(tmp_path):
    from newslint import lint_paths

    page = tmp_path / "latin.html"
    page.write_bytes(b'<html><head><meta charset="iso-8859-1"></head><body><h1>Caf\xe9 prices rise again</h1>'
                     b"<p>Prices at the caf\xe9 rose for the third time this year, owners said.</p>"
                     b"<p>Caf\xe9 prices rise again</p></body></html>")
    found = lint_paths([page])
    assert [d.code for d in found] == ["NL101"]
