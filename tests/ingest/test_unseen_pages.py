"""Issue 12's page shapes, each the way a reader pastes it: comment threads in three
languages, a photo gallery, a teaser box in the middle of an article, a hard-wrapped press
release and a Japanese page. Each asserts on the article's own text, not on a rule name."""

from __future__ import annotations

from builder.ingest.clean import clean

from .pages import MENU, PARAS, lines_of, page

BODY = " ".join(PARAS)


def kept(result) -> str:
    return "\n".join(b.text for b in result.blocks)


def test_comment_threads_in_three_languages_are_never_body():
    threads = {
        "en": ["Comments (3)", "Mary Jones says:", "March 3, 2024 at 10:12 am",
               "I completely disagree with the council, this budget will ruin the schools "
               "and everybody in town knows it perfectly well.", "Reply"],
        "fr": ["Commentaires (6)", "Jean Dupont", "3 mars 2024 à 10 h 12",
               "Je ne suis pas du tout d'accord avec le conseil, ce budget va ruiner les "
               "écoles et tout le monde le sait très bien.", "Répondre"],
        "de": ["Kommentare (2)", "Hans Müller sagt:", "3. März 2024 um 10:12 Uhr",
               "Ich bin mit dem Rat überhaupt nicht einverstanden, dieser Haushalt ruiniert "
               "die Schulen und das weiß hier jeder ganz genau.", "Antworten"],
    }
    for language, thread in threads.items():
        result = clean(lines_of(page("Council passes the budget", *PARAS, *thread)))
        text = kept(result)
        assert PARAS[-1] in text, language
        assert thread[3] not in text, language


def test_gallery_captions_and_counters_go():
    gallery = ["1 of 4", "The council chamber during the vote on Tuesday.",
               "2 of 4", "The mayor speaks to reporters after the meeting."]
    result = clean(lines_of(page("Council passes the budget", PARAS[0], PARAS[1], gallery,
                                 PARAS[2], PARAS[3], MENU)))
    text = kept(result)
    assert all(p in text for p in PARAS)
    assert "1 of 4" not in text and "2 of 4" not in text


def test_a_teaser_box_inside_the_article_goes_without_ending_it():
    for label in ("Most Read", "Lire aussi", "Te puede interesar",
                  "Das könnte Sie auch interessieren"):
        box = [label, "Storm closes the harbour for a week",
               "Five things to know about the new tram line", "Local team wins the cup"]
        result = clean(lines_of(page("Council passes the budget", PARAS[0], PARAS[1], box,
                                     PARAS[2], PARAS[3], MENU)))
        text = kept(result)
        assert all(p in text for p in PARAS), label
        assert "Storm closes the harbour" not in text and label not in text, label


def _wrap(text: str, width: int = 70) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def test_a_hard_wrapped_press_release_is_kept():
    paragraphs = [PARAS[0] + " " + PARAS[1], PARAS[2] + " " + PARAS[3]]
    text = "\n\n".join(["FOR IMMEDIATE RELEASE", "City Council Approves 2024 Budget",
                        *("\n".join(_wrap(p)) for p in paragraphs), "###"])
    result = clean(lines_of(text))
    body = " ".join(kept(result).split())
    for para in PARAS:
        assert para in body
    assert result.title == "City Council Approves 2024 Budget"


def test_a_japanese_page():
    paras = ["東京都議会は火曜日、長い議論の末に来年度の予算案を可決した。関係者によると、"
             "審議は夜遅くまで続いたという。",
             "支持者は、この計画が学校や道路の整備に役立つと述べた一方、批判的な議員は税収の"
             "見通しが楽観的すぎると警告した。",
             "知事は来週にも予算に署名する見通しで、法的な異議がなければ春に最初の支払いが"
             "行われる。"]
    menu = ["ホーム", "ニュース", "経済", "スポーツ", "ログイン"]
    related = ["関連記事", "台風で港が一週間閉鎖", "新しい路面電車の５つのポイント"]
    result = clean(lines_of(page(menu, "都議会、来年度予算案を可決", *paras, related)))
    assert result.title == "都議会、来年度予算案を可決"
    assert [b.text for b in result.blocks] == paras
