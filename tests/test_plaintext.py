"""Rich fields as plain text (quizgen.plaintext): what spreadsheets and Moodle's
select lists get from a Markdown bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.load import load_catalog
from quizgen.plaintext import math_text, to_plain


def test_a_plain_bank_is_never_touched() -> None:
    text = "*one* half, $\\frac{1}{2}$, `x` and <b>b</b>  \n"
    assert to_plain(text, markdown=False) == text
    assert to_plain(text, markdown=False, block=True) == text


def test_markers_go_and_the_words_stay() -> None:
    text = "*one* **two** `three`, \\*four\\*, <b>five</b> &amp; $5 and $10"
    assert to_plain(text, markdown=True) == ("one two three, *four*, <b>five</b> &amp; $5 and $10")


def test_an_inline_field_keeps_its_own_spaces_and_line_breaks() -> None:
    assert to_plain(" half of *a* quarter ", markdown=True) == " half of a quarter "
    assert to_plain("a\nb  \nc", markdown=True) == "a\nb\nc"


def test_a_long_field_keeps_lists_and_code_as_lines() -> None:
    text = "Explain:\n\n1. *what* it means;\n2. why.\n\n```\na / b\n```\n\n- x\n- `y`"
    assert to_plain(text, markdown=True, block=True) == (
        "Explain:\n\n1. what it means;\n2. why.\n\na / b\n\n- x\n- y"
    )


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        ("\\frac{1}{2} + \\frac{1}{4}", "1/2 + 1/4"),
        ("\\frac{a+b}{c}", "(a+b)/c"),
        ("\\frac{1}{x^{2}}", "1/x^2"),
        ("x^{2+3}", "x^(2+3)"),
        ("x^{a_{ij}}", "x^(a_ij)"),
        ("10^{-3}", "10^(-3)"),
        ("4 \\times 2", "4 × 2"),
        ("\\frac{a}{b} \\div \\frac{c}{d}", "a/b ÷ c/d"),
        ("c = \\sqrt{a^2 + b^2}", "c = √(a^2 + b^2)"),
        ("\\alpha_1 \\leq \\pi", "α_1 ≤ π"),
        ("\\{1, 2\\}", "{1, 2}"),
    ],
)
def test_math_reads_as_it_means(tex: str, text: str) -> None:
    assert math_text(tex) == text


def test_every_math_delimiter_becomes_text() -> None:
    text = "$x^2$, \\(y_1\\), $$\\sqrt{4}$$ and \\[\\frac{1}{2}\\]"
    assert to_plain(text, markdown=True) == "x^2, y_1, √(4) and 1/2"


def test_no_field_of_the_rich_fixtures_keeps_a_marker() -> None:
    """Every text field of the rich banks, as plain text: no Markdown emphasis, code
    ticks, TeX delimiters or backslash commands are left."""
    from quizgen.richcheck import text_fields

    fixtures = Path(__file__).parent / "fixtures"
    banks = [
        fixtures / "rich" / "rich-every-type.yaml",
        fixtures / "rich-plain" / "rich-plain-text.yaml",
    ]
    catalog = load_catalog(banks, None, quotes=False).catalog
    assert len(catalog.questions) == 15
    for q in catalog.questions:
        for path, text in text_fields(q):
            plain = to_plain(text, markdown=True, block=True)
            for marker in ("**", "`", "$", "\\(", "\\[", "\\frac", "<strong>", "<em>"):
                if marker == "$" and "$5 and $10" in plain:
                    continue  # money, not math
                if marker == "**" and "`" in text:
                    continue  # code (Python's x**2) keeps its text
                assert marker not in plain, (q.id, path, plain)
