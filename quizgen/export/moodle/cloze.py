"""A cloze as Moodle's embedded answers (multianswer): the text, one SHORTANSWER a blank.

Moodle's rules (question/type/multianswer/questiontype.php, ``qtype_multianswer_extract_question``):

- a sub-question starts only where the text has ``{``, digits, ``:``, a type, ``:``.
  Every ``{`` and ``}`` of the bank's own text, math included, is written as
  ``&#123;`` / ``&#125;``, so none can start or end one; MathJax reads the page's
  text, where they are braces again;
- an answer ends at a ``~``, ``#`` or ``}`` not preceded by ``\\``, ``&`` or ``&amp;``;
  Moodle then decodes HTML entities and turns ``\\}`` and ``\\#`` into ``}`` and ``#``.
  So an answer's ``{``, ``}``, ``~``, ``#`` and ``&`` are written as entities
  (``&#123;``, ``&#125;``, ``&#126;``, ``&#35;``, ``&#38;``), which nothing ends on and
  which decode to the character; a backslash as ``&#92;``, twice where a ``}`` or
  ``#`` follows it (the ``\\}`` rule eats one);
- the short answer's own rule: ``*`` is a wildcard unless written ``\\*``.

In a Markdown bank the text around the blanks is rendered as in every other field
(math as ``\\(...\\)`` for Moodle's MathJax filter), the hint too; the answer is the
plain text a student types (:mod:`quizgen.plaintext`: ``$\\frac{1}{8}$`` -> ``1/8``).
"""

from __future__ import annotations

import html

from ...model import Cloze
from ...plaintext import to_plain
from ..lms.rich import lms_html

# Written as entities: what would end the answer, { (as in the text), and & (Moodle's
# rule does not end an answer at a } after "&amp;"). A * is the short answer's
# wildcard unless escaped.
_ENTITIES = {"{": "&#123;", "}": "&#125;", "~": "&#126;", "#": "&#35;", "&": "&#38;", "*": "\\*"}


def cloze_weights(points: int, blanks: int) -> tuple[int, ...]:
    """Whole-number weights, at least 1 each, adding up to ``points`` where they can."""
    if points < blanks:
        return (1,) * blanks
    base, extra = divmod(points, blanks)
    return tuple(base + (1 if n < extra else 0) for n in range(blanks))


def answer_literal(answer: str) -> str:
    """An answer inside ``{1:SHORTANSWER:=...}`` that Moodle reads back as ``answer``."""
    out = []
    for n, ch in enumerate(answer):
        if ch == "\\":
            # Moodle turns \} and \# into } and #: one more backslash before those.
            out.append("&#92;&#92;" if answer[n + 1 : n + 2] in ("}", "#") else "&#92;")
        else:
            out.append(_ENTITIES.get(ch) or html.escape(ch, quote=False))
    return "".join(out)


def _braces(text: str) -> str:
    return text.replace("{", "&#123;").replace("}", "&#125;")


def _text_html(q: Cloze, text: str) -> str:
    """The bank's text between blanks: escaped (plain) or rendered (Markdown)."""
    return _braces(lms_html(q, text))


def cloze_text(q: Cloze) -> tuple[str, int]:
    """The question text with one SHORTANSWER per deletion, and the total weight."""
    weights = iter(cloze_weights(q.points, len(q.deletions)))
    parts: list[str] = []
    total = 0
    for segment in q.segments():
        if isinstance(segment, str):
            parts.append(_text_html(q, segment))
            continue
        weight = next(weights)
        total += weight
        answer = answer_literal(to_plain(segment.answer, markdown=q.markdown))
        parts.append(f"{{{weight}:SHORTANSWER:={answer}}}")
        if segment.hint:
            parts.append(f" [{_text_html(q, segment.hint)}]")
    body = "".join(parts)
    if not q.markdown:
        body = body.replace("\n", "<br>")
    return f"<p>{body}</p>", total


def cloze_name(q: Cloze) -> str:
    """The cloze as a question's name: its text, a blank as ``___``."""
    return "".join(
        to_plain(s, markdown=q.markdown) if isinstance(s, str) else "___" for s in q.segments()
    )
