"""Quote marks lost to '?' are restored; real question marks stay."""

from builder.ingest.repair import repair_text


def test_seed_002_lost_quotes_become_curly_quotes_and_a_dash():
    raw = ("?I’ve been thinking about the world,? he said. ?My vision is simple.?\n"
           "?I love Forrest Gump,? he said. ?A simple guy ? [but he] never gives up.?")
    text, repairs = repair_text(raw)
    assert text.split("\n") == [
        "“I’ve been thinking about the world,” he said. “My vision is simple.”",
        "“I love Forrest Gump,” he said. “A simple guy — [but he] never gives up.”",
    ]
    assert [r.line for r in repairs] == [1, 2]


def test_real_question_marks_stay():
    raw = "“Why are we still surviving?,” he asked. Is it? Yes. See example.com/?id=3"
    text, repairs = repair_text(raw)
    assert text == raw
    assert repairs == []


def test_question_marks_alone_are_not_taken_for_quotes():
    raw = "Who knows? Nobody does. What then ? Nothing."
    assert repair_text(raw)[0] == raw


def test_doubled_single_quotes_become_double_quotes():
    text, _ = repair_text("‘‘We must achieve ‘global buy and global sell,’’ said Zhang.")
    assert text == "“We must achieve ‘global buy and global sell,’” said Zhang."
