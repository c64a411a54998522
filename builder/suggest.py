"""``briefing topics suggest``: draft topics for a new subject, from the articles ingested.

Groups the articles by the distinctive terms they share and writes each group as a draft
topic file (``content/topics/<slug>.md``, ``draft: true``) for the editor to finish. Written
by hand, a small transparent TF-IDF and average-linkage grouping (README, "Why these
libraries": YAKE ranks one document's phrases and does not group; scikit-learn would add
30 MB for the same arithmetic). In the order the data meets them:

1. **read** every article of ``content/articles/`` (content.py's readers);
2. **terms**: each article's key phrases: words that are not stop words (jusText's list of
   its language), stemmed in its language, and pairs of them side by side (bigrams);
3. **weigh**: each article as a vector of TF-IDF weights of its VECTOR_TERMS most
   distinctive terms shared with another article (a name is one term in every language);
4. **group**: average-linkage merging of the most similar groups while their mean cosine
   similarity is at least MERGE_SIMILARITY; groups of MIN_GROUP articles or more are kept;
5. **describe**: per language in a group, the phrases that are in most of its articles and
   rare outside it, weighted 1-3;
6. **threshold**: every article scored with the draft's keywords by ingest's own scoring;
   the threshold parts the group's articles from the others where it can;
7. **write** each draft, never over an existing topic file.

Deterministic: the same articles give the same files, byte for byte.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import frontmatter
from .content import article_from, read_document
from .ingest.language import stopwords
from .ingest.topics import REFERENCE_WORDS, score_topics
from .problems import Problem, ProblemError
from .slugs import article_slug
from .stems import WORD, rarity, stem
from .topics import Keyword, Topic, read_topics

MIN_WORD_LENGTH = 3  # shorter words ("un", "EU") are too often ambiguous to name a topic
VECTOR_TERMS = 40  # an article's most distinctive terms, enough to find its neighbours
MERGE_SIMILARITY = 0.12  # mean cosine similarity two groups need to merge (the tests' two
# subjects in four languages: article pairs of one subject 0.14-0.95, of two subjects 0)
MIN_GROUP = 2  # articles a suggestion needs: one article is no topic yet
MIN_SHARE = 0.5  # a keyword is in at least half of the group's articles of its language
MIN_CONTRAST = 0.3  # ... and in that share minus its share of the other articles
MIN_PHRASE_ARTICLES = 2  # a pair of words is a phrase when two of the group's articles use it
TITLE_BONUS = 2.0  # a term in a headline: what the article is about, for its writer
KEYWORDS_PER_LANGUAGE = 8
TITLE_PHRASES = 2  # the title is the group's top phrases, for the editor to rewrite
MIN_THRESHOLD = 1.0
MEMBER_OUTLIERS = 0.2  # the share of a group's articles the threshold may leave out
MIN_RARITY = 0.05  # the commonest word still ranks (a group may have nothing better)


@dataclass(frozen=True)
class Doc:
    """Stage 1-2: one article as terms (stems; a bigram is two stems and a space)."""

    slug: str
    title: str
    language: str
    text: str
    terms: Counter[str]
    forms: dict[str, Counter[str]]  # term -> how it is written
    words: frozenset[str]  # the same words and pairs unstemmed, lower-cased: a name is the
    # same word in every language, where the stemmers of two languages may not agree on it
    title_terms: frozenset[str] = frozenset()


@dataclass
class Suggestion:
    """Stages 5-7: one draft topic."""

    slug: str
    title: str
    members: list[Doc]
    keywords: dict[str, dict[str, int]]  # language -> phrase -> weight
    threshold: float = MIN_THRESHOLD
    member_scores: list[float] = field(default_factory=list)
    best_other: float = 0.0  # the highest score of an article outside the group
    others_reaching: int = 0  # articles outside the group at or above the threshold


def read_docs(content_dir: Path) -> tuple[list[Doc], list[Problem]]:
    """Stage 1: the articles (in file name order) and the problems of those unreadable."""
    folder = content_dir / "articles"
    docs, problems = [], []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            article = article_from(path, read_document(path))
        except ProblemError as exc:
            problems += exc.problems
            continue
        text, language = f"{article.title}\n{article.body}", article.language or "en"
        terms, forms = terms_of(text, language)  # no language: English, as ingest reads it
        words = frozenset(f.lower() for written in forms.values() for f in written)
        docs.append(Doc(article.slug, article.title, language, text, terms, forms, words,
                        frozenset(terms_of(article.title, language)[0])))
    return docs, problems


def terms_of(text: str, language: str) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """Stage 2: the counts of a text's stemmed words and bigrams, and their written forms.
    A bigram is two kept words with only white space between them (no stop word, no
    punctuation: "peace talks", not "peace. Talks")."""
    stop = stopwords(language)
    terms: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    previous: tuple[str, str, int] | None = None  # stem, form, where it ended
    for match in WORD.finditer(text):
        word = match.group()
        lowered = word.lower()
        if (lowered in stop or len(lowered) < MIN_WORD_LENGTH
                or lowered.replace("-", "").isdigit()):
            previous = None
            continue
        term = stem(lowered, language)
        terms[term] += 1
        forms[term][word] += 1
        if previous and text[previous[2]:match.start()].isspace():
            terms[f"{previous[0]} {term}"] += 1
            forms[f"{previous[0]} {term}"][f"{previous[1]} {word}"] += 1
        previous = (term, word, match.end())
    return terms, forms


def vectors(docs: list[Doc]) -> list[dict[str, float]]:
    """Stage 3: unit TF-IDF vectors over the terms found in two articles or more: the stems
    (inflections of one language) and the words as written ("=zelensky", across languages)."""
    features = [doc.terms + Counter({f"={w}": 1 for w in doc.words}) for doc in docs]
    df = Counter(t for f in features for t in f)
    idf = {t: math.log(len(docs) / n) for t, n in df.items() if 2 <= n < len(docs)}
    found = []
    for counts in features:
        weights = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items() if t in idf}
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        found.append({t: w / norm for t, w in top})
    return found


def similarities(vecs: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine similarity of every pair of articles that share a term (the vectors are unit
    length), by walking each term's articles rather than every pair."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vec in enumerate(vecs):
        for term, weight in vec.items():
            postings[term].append((index, weight))
    sim: dict[tuple[int, int], float] = defaultdict(float)
    for pairs in postings.values():
        for n, (i, wi) in enumerate(pairs):
            for j, wj in pairs[n + 1:]:
                sim[(i, j)] += wi * wj
    return dict(sim)


def group(vecs: list[dict[str, float]]) -> list[list[int]]:
    """Stage 4: average linkage. The two groups with the highest mean similarity between
    their articles merge, until no pair reaches MERGE_SIMILARITY (ties: lowest indexes).
    Candidates wait in a heap; an entry whose groups have changed since is passed over."""
    groups = {i: [i] for i in range(len(vecs))}
    sim = similarities(vecs)
    near: dict[int, set[int]] = defaultdict(set)  # group -> groups it has a similarity with
    for a, b in sim:
        near[a].add(b)
        near[b].add(a)
    heap = [(-v, pair) for pair, v in sim.items() if v >= MERGE_SIMILARITY]
    heapq.heapify(heap)
    while heap:
        negative, (a, b) = heapq.heappop(heap)
        if sim.get((a, b)) != -negative:
            continue  # stale: one of the two groups has merged since
        size_a, size_b = len(groups[a]), len(groups[b])
        groups[a] += groups.pop(b)
        for c in (near[a] | near.pop(b)) - {a, b}:
            mean = (size_a * sim.pop(_pair(a, c), 0.0) + size_b * sim.pop(_pair(b, c), 0.0)) \
                / (size_a + size_b)
            sim[_pair(a, c)] = mean
            near[c].discard(b)
            near[c].add(a)
            near[a].add(c)
            if mean >= MERGE_SIMILARITY:
                heapq.heappush(heap, (-mean, _pair(a, c)))
        near[a].discard(b)
        del sim[(a, b)]
    found = [sorted(g) for g in groups.values() if len(g) >= MIN_GROUP]
    return sorted(found, key=lambda g: (-len(g), g))


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def describe(members: list[Doc], others: list[Doc]) -> dict[str, dict[str, int]]:
    """Stage 5: per language of the group, its distinctive phrases with weights 1-3."""
    df = Counter(t for d in members + others for t in d.terms)
    in_members = Counter(t for d in members for t in d.terms)
    total = len(members) + len(others)
    keywords = {}
    for language in sorted({d.language for d in members}):
        own = [d for d in members if d.language == language]
        ranked = []
        for term in sorted({t for d in own for t in d.terms}):
            share = sum(term in d.terms for d in own) / len(own)
            outside = (df[term] - in_members[term]) / len(others) if others else 0.0
            spread = _spread(term, language, own, members)
            if (share >= MIN_SHARE and share - outside >= MIN_CONTRAST
                    and (spread >= MIN_PHRASE_ARTICLES or " " not in term)):
                ranked.append((_rank(term, own, spread, share - outside)
                               * math.log(1 + total / df[term]), term))
        chosen = _without_overlap(sorted(ranked, key=lambda st: (-st[0], st[1])))
        if chosen:
            top = chosen[0][0]
            keywords[language] = {_phrase(term, own): 1 + round(2 * score / top)
                                          for score, term in chosen}
    return keywords


def _spread(term: str, language: str, own: list[Doc], members: list[Doc]) -> int:
    """In how many of the group's articles the term is: by stem in its own language, as
    written in the others (a name)."""
    written = {f.lower() for d in own for f in d.forms.get(term, ())}
    return sum(term in d.terms if d.language == language else bool(written & d.words)
               for d in members)


def _rank(term: str, own: list[Doc], spread: int, contrast: float) -> float:
    """How well a term stands for the group: contrast with the other articles × how many of
    the group's have it × how often × a headline's bonus × its rarity in the language
    ("will", "dijo" say nothing of a subject); factors, so that none alone decides."""
    count = sum(d.terms[term] for d in own)
    in_title = any(term in d.title_terms for d in own)
    rare = max(MIN_RARITY, rarity(_phrase(term, own), own[0].language))
    return contrast * spread * (1 + math.log(count)) * (TITLE_BONUS if in_title else 1) * rare


def _without_overlap(ranked: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """The best KEYWORDS_PER_LANGUAGE terms, leaving out a word already in a chosen pair
    and a pair with a word already chosen (one mention would count twice)."""
    chosen: list[tuple[float, str]] = []
    words: set[str] = set()
    for score, term in ranked:
        parts = term.split()
        if words.intersection(parts):
            continue
        chosen.append((score, term))
        words.update(parts)
        if len(chosen) == KEYWORDS_PER_LANGUAGE:
            break
    return chosen


def _phrase(term: str, docs: list[Doc]) -> str:
    """How the articles write a term: its most frequent form, lower-cased unless it is
    always capitalised (a name)."""
    forms: Counter[str] = Counter()
    for doc in docs:
        forms.update(doc.forms.get(term, {}))
    lowered = Counter({f: n for f, n in forms.items() if f == f.lower()})
    return min((lowered or forms).items(), key=lambda fn: (-fn[1], fn[0]))[0]


def set_threshold(suggestion: Suggestion, docs: list[Doc]) -> None:
    """Stage 6: score every article as ingest would, and part the group from the rest."""
    topic = Topic(suggestion.slug, suggestion.title, "", "", keywords={
        lang: tuple(Keyword.parse(p, w, lang) for p, w in phrases.items())
        for lang, phrases in suggestion.keywords.items()})
    members = {d.slug for d in suggestion.members}
    scores = {d.slug: score_topics(d.text, [topic], d.language)[0].score for d in docs}
    inside = sorted(scores[s] for s in members)
    outside = [v for s, v in scores.items() if s not in members]
    suggestion.member_scores, suggestion.best_other = inside, max(outside, default=0.0)
    suggestion.threshold = threshold_between(inside, outside)
    suggestion.others_reaching = sum(v >= suggestion.threshold for v in outside)


def threshold_between(inside: list[float], outside: list[float]) -> float:
    """Halfway between the group's low score and the highest other one (so an article with
    half the group's evidence still gets the topic), or the group's low score when an
    outsider scores as high; in steps of 0.5, at least MIN_THRESHOLD. The low score is the
    one all but MEMBER_OUTLIERS of the group reach: one member that shares the group's
    words but none of its keywords does not drag the threshold to nothing."""
    ordered = sorted(inside)
    low, best_other = ordered[int(MEMBER_OUTLIERS * len(ordered))], max(outside, default=0.0)
    middle = (low + best_other) / 2 if low > best_other else low
    return max(MIN_THRESHOLD, math.floor(middle * 2) / 2)


def suggest(content_dir: Path, count: int) -> tuple[list[Suggestion], list[Problem]]:
    """Stages 1-6: at most ``count`` suggestions, largest group first."""
    docs, problems = read_docs(content_dir)
    taken: set[str] = set()  # this run's slugs (an existing file is skipped, not renamed)
    suggestions: list[Suggestion] = []
    for indexes in group(vectors(docs)):
        if len(suggestions) == count:
            break
        members = [docs[i] for i in indexes]
        others = [d for i, d in enumerate(docs) if i not in indexes]
        keywords = describe(members, others)
        if not keywords:
            continue
        title = _title(members, keywords)
        slug = _free_slug(article_slug(title) or "topic", taken)
        taken.add(slug)
        suggestion = Suggestion(slug, title, members, keywords)
        set_threshold(suggestion, docs)
        suggestions.append(suggestion)
    return suggestions, problems


def _title(members: list[Doc], keywords: dict[str, dict[str, int]]) -> str:
    """The top phrases of the group's most common language."""
    languages = Counter(d.language for d in members)
    language = min((lang for lang in keywords), key=lambda lang: (-languages[lang], lang))
    phrases = list(keywords[language])[:TITLE_PHRASES]
    return ", ".join(phrases)[:1].upper() + ", ".join(phrases)[1:]


def _free_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``… when another suggestion of this run has it (``write`` skips
    an existing file)."""
    number, candidate = 1, slug
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


HEADER = """\
---
# Suggested by `briefing topics suggest` from the {count} articles listed below. Check it,
# then delete the next line: until then the topic is not on the site and ingest does not
# assign it to any article (`briefing check` says so).
draft: true
# The topic's name, and one line for its card on the home page.
title: {title}
summary: What this topic follows, in one line.
# Place among the topics (lower first; site.yml's `topics:` list wins).
order: {order}
# An article gets the topic when its score reaches this. Each keyword found adds its
# weight (a repeat adds less: weight × (1 + ln count)); articles over {reference} words are
# scaled down. Suggested from the scores:
# {spread}.
threshold: {threshold:g}
# Per language (ISO 639-1), phrase: weight, most distinctive first. A keyword also matches
# its inflected forms (ceasefire: ceasefires; Wahl: Wahlen); a phrase ending in * matches
# any word starting with it; case is ignored. An article in a language with no list of its
# own is matched against every list.
"""


def render(suggestion: Suggestion, order: int) -> str:
    """Stage 7: the draft topic file's text."""
    low, high = suggestion.member_scores[0], suggestion.member_scores[-1]
    spread = (f"the grouped articles score {low:g} to {high:g}, the highest other article "
              f"{suggestion.best_other:g}")
    short = sum(v < suggestion.threshold for v in suggestion.member_scores)
    notes = ([f"{suggestion.others_reaching} other articles reach the threshold"]
             if suggestion.others_reaching else []) + \
        ([f"{short} of the group's fall short"] if short else [])
    spread += f" ({'; '.join(notes)})" if notes else ""
    head = HEADER.format(count=len(suggestion.members),
                         title=frontmatter.quoted(suggestion.title),
                         order=order, reference=REFERENCE_WORDS, spread=spread,
                         threshold=suggestion.threshold)
    keywords = yaml.safe_dump({"keywords": suggestion.keywords}, allow_unicode=True,
                              sort_keys=False, width=1000)
    listed = "\n".join(f"- `{d.slug}.md` ({d.language}): {d.title}"
                       for d in suggestion.members)
    return (f"{head}{keywords}---\n\nWhat this topic covers, for the reader: it opens the "
            "topic's page (Markdown).\n\nSuggested from these articles, which share the "
            f"keywords above:\n\n{listed}\n")



def write(suggestions: list[Suggestion], content_dir: Path, dry_run: bool = False
          ) -> list[tuple[Path, str, str]]:
    """Stage 7: (path, what happened, the file's text) per suggestion; an existing file is
    left as it is."""
    topics = content_dir / "topics"
    existing = read_topics(content_dir)[0]
    order = max((t.order for t in existing), default=0)
    done = []
    for number, suggestion in enumerate(suggestions, 1):
        path = topics / f"{suggestion.slug}.md"
        text = render(suggestion, order + number)
        if path.exists():
            done.append((path, "skipped", text))
            continue
        if not dry_run:
            topics.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        done.append((path, "would write" if dry_run else "wrote", text))
    return done
