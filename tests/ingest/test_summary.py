"""The summary (builder/ingest/summary.py): the first one or two sentences of the body."""

from builder.ingest.model import Block
from builder.ingest.summary import summarize


def test_summary_is_the_first_one_or_two_sentences() -> None:
    blocks = [Block("A short heading", "heading"),
              Block("Alibaba has set a goal. It wants to reach $1 trillion by 2020. More text "
                    "follows here in a third sentence that is not part of it.")]
    assert summarize(blocks) == "Alibaba has set a goal. It wants to reach $1 trillion by 2020."


def test_a_short_first_paragraph_is_no_summary_and_long_sentences_stay_alone() -> None:
    long = "word " * 30
    blocks = [Block("Photo: Jane Doe for Reuters."),
              Block(f"The first sentence has {long.strip()}. The second one has {long.strip()}.")]
    assert summarize(blocks) == f"The first sentence has {long.strip()}."
    assert summarize([Block("Too short to say anything.")]) == ""
