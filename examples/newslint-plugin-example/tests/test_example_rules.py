import pytest

from newslint.testing import RuleTester
from newslint_example import ClickbaitHeadline, ShoutingHeadline

CLICKBAIT = RuleTester(ClickbaitHeadline)


@pytest.mark.parametrize("case", CLICKBAIT.cases(
    valid=[
        "Minister resigns over expenses\n\nThe minister resigned on Monday.",
        {"text": "# Markets rally\n\nYou won't believe it, said one trader.", "filename": "a.md"},
    ],
    invalid=[
        {"text": "You won't believe what the minister said\n\nBody text of the story here.",
         "errors": [{"code": "CB001", "line": 1, "column": 1, "end_column": 18,
                     "message": "clickbait phrase \"you won't believe\""}]},
        {"text": "<h1>Ten facts that will shock you</h1><p>Body.</p>", "filename": "a.html",
         "errors": [{"code": "CB001", "line": 1, "column": 20}]},
        {"text": "Markets rally as rates fall\n\nBody.", "options": {"phrases": ["rates fall"]},
         "errors": [{"code": "CB001", "column": 18}]},
    ],
))
def test_clickbait(case):
    CLICKBAIT.check(case)


def test_shouting():
    RuleTester(ShoutingHeadline).run(
        valid=["Minister resigns over expenses\n\nBody."],
        invalid=[{"text": "MINISTER RESIGNS OVER EXPENSES\n\nBody.",
                  "errors": [{"code": "CB002", "line": 1, "column": 1, "end_column": 31}]}],
    )
    RuleTester(ShoutingHeadline, max_upper_share=1.0).run(valid=["MINISTER RESIGNS Over Expenses\n\nBody."])
