"""``briefing topics suggest`` (builder/suggest.py): draft topics from groups of articles,
end to end through the real command line on two subjects in four languages, and its stages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from builder import suggest
from builder.content import read_document
from builder.ingest.topics import score_topics
from builder.topics import read_topic, read_topics

from .conftest import briefing_in as briefing

# Two subjects, four languages: a war's ceasefire talks (en, de, fr) and Portugal's election
# (en, de, es); names are what the languages share.

ARTICLES = {
    "ceasefire-talks-stall-as-shelling-hits-kharkiv": (
        "en", "Ceasefire talks stall as shelling hits Kharkiv", """\
Ceasefire talks between Ukraine and Russia stalled on Monday after overnight shelling hit
residential districts of Kharkiv, killing four people, regional officials said.

Ukrainian negotiators said they would not return to the table while the shelling of Kharkiv
continued. President Zelensky said any ceasefire must begin with the withdrawal of Russian
troops from the front line. The Kremlin said Putin remained open to talks but blamed Kyiv
for the delay. NATO ministers meeting in Brussels called for an immediate ceasefire.
"""),
    "zelensky-rejects-putin-s-ceasefire-terms": (
        "en", "Zelensky rejects Putin's ceasefire terms", """\
President Zelensky on Wednesday rejected the ceasefire terms Putin set out in a televised
address, calling them an ultimatum. Putin demanded that Ukraine give up the front line
regions and drop its bid to join NATO before any ceasefire.

Zelensky said Ukrainian troops would hold the front line around Kharkiv and asked allies for
more air defence after new shelling. NATO allies said the terms were not a basis for talks.
"""),
    "waffenruhe-gesprache-uber-kharkiv-stocken": (
        "de", "Waffenruhe: Gespräche über Kharkiv stocken", """\
Die Gespräche über eine Waffenruhe in der Ukraine sind ins Stocken geraten. Nach neuem
Beschuss auf Kharkiv lehnte Präsident Zelensky die Bedingungen von Putin ab.

Putin verlangt, dass die Ukraine auf einen Beitritt zur NATO verzichtet. Zelensky sagte,
eine Waffenruhe sei nur möglich, wenn russische Truppen die Front verlassen. Die NATO
forderte beide Seiten zu neuen Gesprächen auf.
"""),
    "cessez-le-feu-zelensky-rejette-les-conditions": (
        "fr", "Cessez-le-feu : Zelensky rejette les conditions de Putin", """\
Le président Zelensky a rejeté mercredi les conditions d'un cessez-le-feu posées par Putin,
après de nouveaux bombardements sur Kharkiv qui ont fait quatre morts.

Putin exige que l'Ukraine renonce à rejoindre la NATO. Les négociations sur un cessez-le-feu
sont suspendues, et les alliés de la NATO appellent à reprendre les discussions.
"""),
    "montenegro-wins-portugal-election-as-chega-surges": (
        "en", "Montenegro wins Portugal election as Chega surges", """\
Luís Montenegro's Democratic Alliance won Portugal's snap election on Sunday, but fell short
of a majority in parliament, according to official results.

The far-right Chega party of André Ventura surged to third place, doubling its seats. The
Socialists of Pedro Nuno Santos conceded the election. Montenegro said he would form a
minority government and would not rely on Chega's votes in parliament.
"""),
    "wahl-in-portugal-montenegro-gewinnt": (
        "de", "Wahl in Portugal: Montenegro gewinnt, Chega legt zu", """\
Bei der Wahl in Portugal hat das Bündnis von Luís Montenegro die meisten Stimmen erhalten,
die absolute Mehrheit im Parlament aber verfehlt.

Die rechtspopulistische Partei Chega von André Ventura hat ihre Sitze nach der Wahl
verdoppelt. Die Sozialisten von Pedro Nuno Santos räumten ihre Niederlage ein. Montenegro
will eine Minderheitsregierung bilden, ohne die Stimmen von Chega.
"""),
    "elecciones-en-portugal-montenegro-gana": (
        "es", "Elecciones en Portugal: Montenegro gana y Chega crece", """\
La Alianza Democrática de Luís Montenegro ganó las elecciones en Portugal el domingo, pero
sin mayoría absoluta en el parlamento, según los resultados oficiales.

El partido Chega de André Ventura creció hasta la tercera posición y duplicó sus escaños.
Los socialistas de Pedro Nuno Santos reconocieron la derrota en las elecciones.
"""),
    "montenegro-negocia-con-chega-tras-las-elecciones": (
        "es", "Montenegro descarta gobernar con Chega tras las elecciones", """\
Luís Montenegro descartó el lunes un acuerdo de gobierno con Chega tras las elecciones en
Portugal. El líder de la Alianza Democrática formará un gobierno en minoría.

André Ventura, líder de Chega, pidió entrar en el gobierno después de duplicar sus escaños
en el parlamento. Pedro Nuno Santos dijo que los socialistas serán la oposición.
"""),
}
WAR = {"ceasefire-talks-stall-as-shelling-hits-kharkiv", "zelensky-rejects-putin-s-ceasefire-terms",
       "waffenruhe-gesprache-uber-kharkiv-stocken", "cessez-le-feu-zelensky-rejette-les-conditions"}
ELECTION = set(ARTICLES) - WAR


def project(tmp_path: Path) -> Path:
    """A new briefing (``briefing init``) holding the articles; returns its folder."""
    folder = tmp_path / "briefing"
    tmp_path.mkdir(parents=True, exist_ok=True)
    assert briefing(tmp_path, "init", str(folder)).returncode == 0
    articles = folder / "content" / "articles"
    articles.mkdir()
    for slug, (language, title, body) in ARTICLES.items():
        (articles / f"{slug}.md").write_text(
            f"---\ntitle: {title!r}\nslug: {slug}\nlanguage: {language}\ndate: 2024-03-11\n"
            f"source: Example News\nurl: https://example.org/{slug}\n---\n\n{body}", "utf-8")
    return folder


INIT_TOPICS = {"news", "targets"}  # what briefing init writes


def drafts(folder: Path) -> dict[str, set[str]]:
    """Each written draft's slug -> the articles its body lists."""
    found = {}
    for path in sorted((folder / "content" / "topics").glob("*.md")):
        if path.stem not in INIT_TOPICS:
            body = read_document(path).body
            found[path.stem] = {s for s in ARTICLES if f"`{s}.md`" in body}
    return found


def test_suggestions_separate_the_subjects_across_languages(tmp_path: Path) -> None:
    folder = project(tmp_path)
    run = briefing(folder, "topics", "suggest")
    assert run.returncode == 0, run.stderr
    written = drafts(folder)
    assert sorted(map(sorted, written.values())) == sorted([sorted(WAR), sorted(ELECTION)])
    assert [line.split()[0] for line in run.stdout.splitlines()] == ["wrote", "wrote", "next:"]
    assert all(f"content/topics/{slug}.md" in run.stdout for slug in written)
    war_slug = next(s for s, members in written.items() if members == WAR)
    war, problems = read_topic(folder / "content" / "topics" / f"{war_slug}.md")
    assert war is not None and war.draft and not problems  # valid against the topic schema
    assert set(war.keywords) == {"en", "de", "fr"}  # a list per language of the group
    phrases = {k.phrase.lower() for k in war.keywords_for("en")}
    assert {"zelensky", "ceasefire", "kharkiv"} <= phrases
    assert "cessez-le-feu" in {k.phrase for k in war.keywords["fr"]}
    assert "waffenruhe" in {k.phrase.lower() for k in war.keywords["de"]}
    assert all(1 <= k.weight <= 3 for ks in war.keywords.values() for k in ks)


def test_drafts_pass_check_with_a_warning_and_assign_their_articles_once_published(
        tmp_path: Path) -> None:
    folder = project(tmp_path)
    assert briefing(folder, "topics", "suggest").returncode == 0
    checked = briefing(folder, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stderr.count("is a draft") == 2 and "hint: check its title" in checked.stderr
    for path in (folder / "content" / "topics").glob("*.md"):  # the editor's review
        path.write_text(path.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    checked = briefing(folder, "check")
    assert checked.returncode == 0 and "is a draft" not in checked.stderr, checked.stderr
    topics, _ = read_topics(folder / "content")
    suggested = [t for t in topics if t.slug not in INIT_TOPICS]
    for slug, (language, title, body) in ARTICLES.items():
        scores = score_topics(f"{title}\n{body}", suggested, language)
        assigned = {s.topic for s in scores if s.assigned}
        expected = {t for t, members in drafts(folder).items() if slug in members}
        assert assigned == expected, (slug, scores)


def test_a_second_run_overwrites_nothing(tmp_path: Path) -> None:
    folder = project(tmp_path)
    assert briefing(folder, "topics", "suggest").returncode == 0
    topics = folder / "content" / "topics"
    edited = sorted(topics.glob("*.md"))[0]
    edited.write_text(edited.read_text("utf-8") + "\nThe editor's words.\n", "utf-8")
    before = {p.name: p.read_bytes() for p in topics.glob("*.md")}
    again = briefing(folder, "topics", "suggest")
    assert again.returncode == 0, again.stderr
    assert {p.name: p.read_bytes() for p in topics.glob("*.md")} == before
    assert again.stdout.count("skipped") == 2 and "exists" in again.stdout
    assert "next:" not in again.stdout


def test_a_dry_run_prints_and_writes_nothing_and_output_is_deterministic(
        tmp_path: Path) -> None:
    first, second = project(tmp_path / "a"), project(tmp_path / "b")
    dry = briefing(first, "topics", "suggest", "--dry-run", "--count", "1")
    assert dry.returncode == 0 and dry.stdout.startswith("# content/topics/")
    assert "(would write)" in dry.stdout and "draft: true" in dry.stdout
    assert {p.stem for p in (first / "content" / "topics").iterdir()} == INIT_TOPICS
    assert briefing(first, "topics", "suggest").returncode == 0
    assert briefing(second, "topics", "suggest").returncode == 0
    read = lambda folder: {p.name: p.read_bytes()  # noqa: E731
                           for p in (folder / "content" / "topics").glob("*.md")}
    assert read(first) == read(second)
    assert dry.stdout.split("\n", 1)[1].rstrip() == \
        (first / "content" / "topics" / dry.stdout.split()[1].split("/")[-1]) \
        .read_text("utf-8").rstrip()


def test_nothing_to_group_is_one_problem_with_a_hint(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    assert briefing(tmp_path, "init", str(folder)).returncode == 0
    run = briefing(folder, "topics", "suggest")
    assert run.returncode == 1 and run.stdout == ""
    lines = run.stderr.splitlines()
    assert lines[0].startswith("content/articles:1:1: error: no group of articles")
    assert lines[1].strip().startswith("hint: ingest more articles")


def test_a_broken_article_is_named_and_the_others_still_grouped(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "content" / "articles" / "broken.md").write_text("---\ntitle: [\n---\n", "utf-8")
    run = briefing(folder, "topics", "suggest")
    assert run.returncode == 1 and run.stdout.count("wrote") == 2
    assert run.stderr.startswith("content/articles/broken.md:") and "error:" in run.stderr


def test_terms_are_stemmed_words_and_pairs_without_stop_words() -> None:
    terms, forms = suggest.terms_of("The elections. Election results: the peace talks", "en")
    assert terms["elect"] == 2 and forms["elect"] == Counter({"elections": 1, "Election": 1})
    assert terms["peac talk"] == 1  # a pair, side by side
    assert "elect elect" not in terms  # not across a full stop
    assert "the" not in terms and "elect result" in terms


def test_groups_merge_while_similar_enough() -> None:
    a, b = {"x": 1.0}, {"x": 0.8, "y": 0.6}
    c = {"z": 1.0}
    assert suggest.group([a, c, b, {"z": 0.6, "w": 0.8}]) == [[0, 2], [1, 3]]
    assert suggest.group([a, c]) == []  # one article is no topic


@pytest.mark.parametrize(("members", "others", "expected"), [
    ([10.0, 12.0], [2.0, 0.0], 6.0),  # halfway between the group and the rest
    ([10.0, 12.0], [11.0], 10.0),  # an outsider scores as high: the group's lowest
    ([1.2, 3.0], [], 1.0),  # never under MIN_THRESHOLD
    ([0.0, 9.0, 10.0, 11.0, 12.0], [3.0], 6.0),  # one member in five may fall short
])
def test_the_threshold_parts_the_group_from_the_rest(members: list[float], others: list[float],
                                                     expected: float) -> None:
    assert suggest.threshold_between(members, others) == expected
