"""Deterministic benchmark corpus: N articles for briefing, Hugo and Pelican, and N raw clips.

    python bench/corpus.py N OUT [--seed S] [--repo DIR]

writes

    OUT/briefing/content/   site.yml, targets.yml, topics/ from the repo; articles/<slug>.md
    OUT/clips/              N raw clips (pasted-page .txt) + content/ (config, topics)
    OUT/hugo/               hugo.yaml, content/posts/<slug>.md, layouts/ (a minimal theme)
    OUT/pelican/            pelicanconf.py, content/<slug>.md, theme/templates/

Everything comes from one ``random.Random(seed)``: the same N and seed give byte-identical
trees. Article i of every tool is the same article (title, date, topics, people, body), and
article i's ``seed`` front matter names clip i with the sha256 of its bytes.

The Hugo and Pelican themes are kept to the same work as briefing's theme: one page per
article, a home page listing every article, one page per topic / person / source with the
articles listed, the people and sources indexes, a 404 page, an Atom/RSS feed with the full
content of every article, a sitemap and robots.txt. What Pelican cannot do without plugins
(related articles, previous/next) is left out of its theme; see docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 20240501
GERMAN_SHARE = 0.05

# ------------------------------------------------------------------------- vocabulary

FIRST = ["Jack", "Daniel", "Joseph", "Lucy", "Eddie", "Michael", "Jessie", "Simon", "Trudy",
         "Maggie", "Sophie", "Chris", "Jian", "Wei", "Li", "Yong", "Fang", "Kevin", "Anna",
         "Peter", "Laura", "Thomas", "Julia", "Martin", "Sarah", "David", "Emma", "Ravi",
         "Priya", "Carlos", "Ana", "Hiroshi", "Yuki", "Olga", "Ivan", "Fatima", "Omar",
         "Grace", "Henry", "Nina", "Paul", "Rosa", "Stefan", "Katrin", "Lena", "Jonas"]
LAST = ["Ma", "Zhang", "Tsai", "Peng", "Wu", "Evans", "Jiang", "Dai", "Wang", "Chen", "Liu",
        "Huang", "Zhao", "Lin", "Gao", "Smith", "Miller", "Brown", "Schmidt", "Fischer",
        "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Tanaka", "Sato", "Kumar", "Singh",
        "Garcia", "Lopez", "Rossi", "Dubois", "Novak", "Kowalski", "Hansen", "Larsen",
        "Okafor", "Mensah", "Hegemann", "Russell", "Millward", "Clover", "Shu", "Ong"]
PUBLICATIONS = ["AllTechAsia", "Payment Eye", "Business Insider", "t3n", "The Star",
                "TechCrunch", "Reuters", "Bloomberg", "South China Morning Post", "Caixin",
                "Financial Times", "Handelsblatt", "Der Spiegel", "Nikkei Asia", "CNBC",
                "Forbes", "Fortune", "Wired", "The Verge", "Tech in Asia", "KrASIA",
                "Pandaily", "TechNode", "Alizila", "Quartz", "Axios", "The Information",
                "Les Echos", "Die Zeit", "Wirtschaftswoche", "Bangkok Post", "Straits Times",
                "Jakarta Post", "Economic Times", "Mint", "Globe and Mail", "Le Monde",
                "El País", "Rest of World", "Digital Commerce 360"]
UNITS = ["Tmall", "Taobao", "AliExpress", "Lazada", "Cainiao", "Ant Financial", "Alipay",
         "Alibaba Cloud", "Aliyun", "Tmall Global", "Hema", "Ele.me", "Youku", "DingTalk",
         "Trendyol", "Daraz", "Tokopedia", "Koubei", "Fliggy", "Alimama"]
PLACES = ["Hangzhou", "Beijing", "Shanghai", "Shenzhen", "Hong Kong", "Singapore", "Jakarta",
          "Kuala Lumpur", "Bangkok", "Manila", "Ho Chi Minh City", "Moscow", "Istanbul",
          "Madrid", "Paris", "Berlin", "Munich", "London", "Detroit", "Chicago", "New York",
          "San Francisco", "Toronto", "São Paulo", "Mexico City", "Dubai", "Riyadh",
          "Nairobi", "Lagos", "Sydney", "Tokyo", "Seoul", "Mumbai", "Karachi", "Davos"]
COUNTRIES = ["Norway", "Argentina", "Switzerland", "Malaysia", "Indonesia", "Thailand",
             "Vietnam", "the Philippines", "Turkey", "Spain", "France", "Germany", "Italy",
             "Russia", "Brazil", "Mexico", "Canada", "Australia", "Japan", "South Korea",
             "India", "Pakistan", "Bangladesh", "Kenya", "Nigeria", "Rwanda", "Belgium"]
THINGS = ["logistics network", "payment service", "cloud business", "marketplace",
          "data centre", "smart warehouse", "grocery chain", "mobile wallet", "live-stream shop",
          "credit system", "supply chain", "delivery fleet", "trade hub", "retail app",
          "merchant platform", "membership programme", "return service", "ad business"]
ADJ = ["ambitious", "cautious", "bold", "steady", "aggressive", "long-term", "modest",
       "surprising", "familiar", "costly", "quiet", "public", "internal", "new", "revised"]
VERBS = ["expand", "rebuild", "test", "open", "scale up", "merge", "launch", "upgrade",
         "localise", "integrate", "streamline", "fund", "automate", "digitise"]
SAY = ["said", "told reporters", "wrote in a letter to staff", "told investors",
       "said on a call with analysts", "said at a conference", "explained", "added"]
WHEN = ["last week", "on Tuesday", "in an interview", "at the annual investor day",
        "earlier this year", "at the Singles' Day gala", "in a memo", "on Monday morning",
        "at a press briefing", "in a speech", "during the earnings call", "at the summit"]

HEADINGS = ["The plan for {place}", "What it means for merchants in {country}",
            "Why {unit} moves now", "The numbers from {place}", "Competition in {country}",
            "The road ahead for {unit}", "A test for {unit}", "Betting on {place}",
            "Who pays for the {thing}", "What critics in {country} say", "Inside {unit}",
            "From {place} to {country}", "The risks in {country}", "How {unit} fits in",
            "Lessons from {country}", "What comes next in {place}"]

# Sentences that make a topic's keywords appear (content/topics/*.md), in English.
TOPIC_SENTENCES = {
    "globalization": [
        "The push overseas is the core of {unit}'s global expansion into {country}.",
        "Cross-border sales through {unit} let sellers in {country} reach buyers outside China.",
        "{person} described the move as globalization for small businesses around the world.",
        "Selling abroad is now the international test for the {thing} in {place}.",
        "The e-WTO idea is to help merchants trade across the nations from {place}.",
        "American and foreign brands use the {thing} to sell worldwide, {person} {say}.",
    ],
    "five-new": [
        "The Five New strategy puts new retail, new finance and new manufacturing at the centre.",
        "{person} called the {thing} in {place} a showcase of new retail.",
        "New technology and new energy, meaning data, drive the {thing}, {person} {say}.",
        "Under the Five New plan {unit} is meant to combine online and offline sales.",
        "Netrepreneurs in {place} are expected to use new manufacturing to serve buyers.",
    ],
    "targets": [
        "The target for {unit} is {ambitious} and comes with a deadline {by_year}.",
        "{person} set the goal {by_year}, and the company will report progress every quarter.",
        "Analysts doubt that {unit} can surpass its rivals within five years.",
        "The goals for the {thing} were raised twice in ten years, {person} {say}.",
    ],
}
GERMAN_SENTENCES = [
    "{person} kündigte den Schritt in {place} an, wie {pub} berichtet.",
    "Die Expansion ins Ausland soll {unit} neue Kunden in {country} bringen.",
    "Das Unternehmen will den Umsatz weltweit steigern, sagte {person}.",
    "Der Konzern setzt dabei auf Daten und auf seinen {thing_de} in {place}.",
    "Ob das gelingt, ist unter Analysten in {place} umstritten.",
    "Bis {year} soll {unit} profitabel arbeiten, so {person}.",
    "Die Globalisierung des Handels sei erst am Anfang, erklärte {person}.",
    "Kleine Händler aus {country} sollen über {unit} nach China verkaufen.",
    "Im vergangenen Jahr wuchs das Geschäft von {unit} um {pct} Prozent.",
    "Kritiker verweisen auf die Konkurrenz durch Amazon und JD.com in {country}.",
]
THINGS_DE = ["Logistiknetz", "Bezahldienst", "Cloud-Geschäft", "Marktplatz", "Lieferdienst"]
GENERIC = [
    "{person} {say} {when} that the {thing} in {place} would {verb} within {months} months.",
    "The {adj} plan follows a year in which {unit} grew revenue by {pct} percent.",
    "{unit} already serves {count} million customers in {country}, according to {pub}.",
    "Competitors in {place} have tried to {verb} similar services without much success.",
    "The company did not say how much the {thing} in {place} would cost.",
    "Merchants in {country} have complained about fees, and {unit} has promised to {verb} "
    "its pricing.",
    "{person}, who joined {unit} in {year}, now oversees the {thing} from {place}.",
    "The deal with partners in {country} is the {adj} step in a plan announced {when}.",
    "Shares rose {pct} percent after {person} outlined the {thing} {when}.",
    "In {place}, {unit} hired {count} engineers to {verb} the {thing}.",
    "Regulators in {country} are still reviewing the {thing}, {pub} reported.",
    "{person} compared the {thing} to the early days of {unit} in {place}.",
    "For now, most of the {thing}'s sales still come from buyers in {place}.",
    "The {adj} timeline surprised analysts, who had expected a slower roll-out in {country}.",
]
QUOTES = [
    "We must absolutely {verb} the {thing}, and we will do it together with our partners",
    "Today the Internet can help small businesses sell things across the oceans",
    "If we can help a small business in {country} sell to {country2}, we can build an e-WTO",
    "The most important thing is trust, and the {thing} has to earn it every day",
    "We are not a retailer, we are a data company, and {unit} shows why",
    "Nobody will live without data in the future, not in {place} and not in {country}",
    "We will {verb} the {thing} step by step, starting in {place}",
]
LIST_ITEMS = [
    "{unit} will {verb} its {thing} in {place}",
    "{count} million new customers in {country} by {year}",
    "a {adj} budget for the {thing} in {place}",
    "partnerships with {count} sellers from {country}",
    "a second {thing} near {place}",
    "faster delivery between {place} and {place2}",
]
LINK_TEXT = ["the company's statement", "an earlier report", "the full letter",
             "the investor presentation", "our coverage of {unit}", "a profile of {person}"]

# The goals an article can state (content/articles front matter `targets`), shared by many
# articles so the tracker groups them: (claim, metric, value, unit, deadline, sentence)
GOALS = [
    ("$1 trillion GMV by 2020", "gmv", 1_000_000_000_000, "USD", 2020,
     "{by} wants Alibaba to reach $1 trillion in annual GMV by 2020"),
    ("$1 trillion revenue by 2020", "revenue", 1_000_000_000_000, "USD", 2020,
     "{by} wants Alibaba to reach $1 trillion in revenue by 2020"),
    ("2 billion consumers by 2036", "consumers", 2_000_000_000, "", 2036,
     "{by} hopes to serve 2 billion consumers by 2036"),
    ("10 million small businesses within 10 years", "small_businesses", 10_000_000, "",
     "P10Y", "{by} wants to help 10 million small businesses within ten years"),
    ("100 million jobs by 2036", "jobs", 100_000_000, "", 2036,
     "{by} aims to create 100 million jobs by 2036"),
    ("$1 trillion US sales within 5 years", "sales", 1_000_000_000_000, "USD", "P5Y",
     "{by} wants sales in the United States to reach $1 trillion within five years"),
    ("1 million merchants by 2025", "merchants", 1_000_000, "", 2025,
     "{by} plans to sign up 1 million merchants by 2025"),
    ("$100 billion profit by 2030", "profit", 100_000_000_000, "USD", 2030,
     "{by} has set a goal of $100 billion in profit by 2030"),
    ("50,000 employees by 2027", "employees", 50_000, "", 2027,
     "{by} wants the group to have 50,000 employees by 2027"),
]

MENU = ["Home", "News", "Technology", "Business", "Startups", "Opinion", "Subscribe", "Search",
        "Log in", "Newsletter"]
SHARE = ["Share this story", "Share on Facebook", "Share on Twitter", "Share via Email",
         "Tweet", "Related reading", "Leave a comment", "Image source", "Send this to a friend",
         "Notify of", "View all comments", "Exit mobile version"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", text.decode().lower()).strip("-")[:70].strip("-")


# ------------------------------------------------------------------------- articles

@dataclass
class Target:
    claim: str
    metric: str
    value: int
    unit: str
    deadline: int | str
    by: str
    quote: str


@dataclass
class Article:
    index: int
    title: str
    slug: str
    source: str
    author: str
    date: str  # ISO
    language: str
    summary: str
    topics: list[str]
    people: list[str]
    targets: list[Target]
    headings: list[str] = field(default_factory=list)
    blocks: list[tuple[str, object]] = field(default_factory=list)  # (kind, payload)
    clip_name: str = ""
    clip_sha256: str = ""


class Writer:
    """All the random choices for one corpus."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        names = sorted({f"{f} {last}" for f in FIRST for last in LAST})
        rng.shuffle(names)
        self.people = ["Jack Ma", "Daniel Zhang", "Joseph Tsai", "Lucy Peng"] + [
            n for n in names[:400] if n not in {"Jack Ma", "Daniel Zhang"}]
        self.authors = names[400:550]

    def pick(self, seq):  # type: ignore[no-untyped-def]
        return seq[self.rng.randrange(len(seq))]

    def person(self, people: list[str]) -> str:
        return self.pick(people)

    def fill(self, template: str, people: list[str], capital: bool = True) -> str:
        rng = self.rng
        values = {
            "person": self.person(people), "unit": self.pick(UNITS), "place": self.pick(PLACES),
            "place2": self.pick(PLACES), "country": self.pick(COUNTRIES),
            "country2": self.pick(COUNTRIES), "thing": self.pick(THINGS),
            "thing_de": self.pick(THINGS_DE), "adj": self.pick(ADJ), "verb": self.pick(VERBS),
            "say": self.pick(SAY), "when": self.pick(WHEN), "pub": self.pick(PUBLICATIONS),
            "months": rng.randint(3, 36), "pct": rng.randint(2, 95),
            "count": rng.randint(2, 900), "year": rng.randint(1999, 2030),
            "by_year": f"by {rng.randint(2018, 2036)}", "ambitious": self.pick(ADJ),
        }
        text = template.format(**values)
        return text[0].upper() + text[1:] if capital else text

    def paragraph(self, people: list[str], topics: list[str], german: bool,
                  sentences: int) -> str:
        out = []
        for _ in range(sentences * 3 // 2 if german else sentences):
            if german:
                template = self.pick(GERMAN_SENTENCES)
            elif topics and self.rng.random() < 0.3:
                template = self.pick(TOPIC_SENTENCES[self.pick(topics)])
            else:
                template = self.pick(GENERIC)
            out.append(self.fill(template, people))
        return " ".join(out)

    def article(self, index: int, taken: set[str]) -> Article:
        rng = self.rng
        german = rng.random() < GERMAN_SHARE
        n_people = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        people: list[str] = []
        while len(people) < n_people:
            # A few people are in most stories, the rest follow a long tail.
            name = (self.people[rng.randrange(4)] if rng.random() < 0.35
                    else self.people[int(rng.paretovariate(1.2) * 4) % len(self.people)])
            if name not in people:
                people.append(name)
        topics = sorted(t for t in ("globalization", "five-new", "targets")
                        if rng.random() < {"globalization": 0.55, "five-new": 0.3,
                                           "targets": 0.35}[t])
        unit, place = self.pick(UNITS), self.pick(PLACES)
        if german:
            title = self.pick([
                f"{unit}: {people[0]} will in {place} wachsen",
                f"Alibaba baut {unit} in {self.pick(COUNTRIES)} und {place} aus",
                f"{people[0]} über die Zukunft von {unit} in {place}",
                f"Wie {unit} den Handel in {place} verändern soll",
            ])
        else:
            title = self.pick([
                f"{people[0]} plans to {self.pick(VERBS)} {unit} in {place}",
                f"Alibaba's {unit} bets on {self.pick(THINGS)}s in {self.pick(COUNTRIES)}",
                f"{unit} to {self.pick(VERBS)} its {self.pick(THINGS)} in {place}",
                f"Why {people[0]} wants {unit} to go global from {place}",
                f"{people[0]} sets {self.pick(ADJ)} goals for {unit} in {place}",
                f"Inside the {self.pick(THINGS)} {unit} is building in {place}",
            ])
        slug = base = slugify(title)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        year = rng.randint(2014, 2024)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        targets = []
        if "targets" in topics or rng.random() < 0.1:
            for goal in rng.sample(GOALS, rng.choice([1, 1, 2])):
                claim, metric, value, unit_, deadline, sentence = goal
                by = people[0]
                quote = sentence.format(by=by) + "."
                targets.append(Target(claim, metric, value, unit_, deadline, by, quote))

        art = Article(index, title, slug, self.pick(PUBLICATIONS), self.pick(self.authors),
                      date, "de" if german else "en", "", topics, people, targets)
        # Body: a standfirst, then three or four sections of ~130 words each (~600 words).
        lead = self.paragraph(people, topics, german, 2)
        art.summary = lead
        art.blocks.append(("p", lead))
        art.blocks.append(("p", self.paragraph(people, topics, german, 5)))
        target_quotes = [t.quote for t in targets]
        for _ in range(rng.choice([3, 4])):
            heading = self.fill(self.pick(HEADINGS), people) if not german else self.fill(self.pick(
                ["Der Plan für {place}", "Die Zahlen aus {place}", "Die Konkurrenz in {country}",
                 "Was Kritiker in {place} sagen", "Wie es mit {unit} weitergeht"]), people)
            art.blocks.append(("h2", heading))
            text = self.paragraph(people, topics, german, 5)
            if target_quotes:
                text += " " + target_quotes.pop()
            art.blocks.append(("p", text))
            kind = rng.choice(["quote", "list", "link", "p"])
            if kind == "quote" and not german:
                art.blocks.append(("quote", (self.fill(self.pick(QUOTES), people),
                                             self.person(people))))
            elif kind == "list" and not german:
                art.blocks.append(("list", [self.fill(self.pick(LIST_ITEMS), people, capital=False)
                                            for _ in range(rng.randint(3, 5))]))
            elif kind == "link":
                link_text = self.fill(self.pick(LINK_TEXT), people, capital=False)
                url = f"https://www.example.com/{year}/{slugify(link_text)}-{index}"
                art.blocks.append(("link", (self.paragraph(people, topics, german, 1),
                                            link_text, url)))
            art.blocks.append(("p", self.paragraph(people, topics, german,
                                                   rng.choice([3, 4]))))
        return art


def markdown_body(art: Article) -> str:
    out = []
    for kind, payload in art.blocks:
        if kind == "p":
            out.append(payload)
        elif kind == "h2":
            out.append(f"## {payload}")
        elif kind == "quote":
            text, who = payload  # type: ignore[misc]
            out.append(f"> “{text},” said {who}.")
        elif kind == "list":
            out.append("\n".join(f"- {item}" for item in payload))  # type: ignore[union-attr]
        elif kind == "link":
            before, text, url = payload  # type: ignore[misc]
            out.append(f"{before} Read [{text}]({url}) for the details.")
    return "\n\n".join(out) + "\n"


def plain_body(art: Article) -> list[str]:
    """The body as a web page shows it when pasted: no Markdown."""
    out = []
    for kind, payload in art.blocks:
        if kind in ("p", "h2"):
            out.append(payload)
        elif kind == "quote":
            text, who = payload  # type: ignore[misc]
            out.append(f"“{text},” said {who}.")
        elif kind == "list":
            out.extend(f"• {item}" for item in payload)  # type: ignore[union-attr]
        elif kind == "link":
            before, text, _ = payload  # type: ignore[misc]
            out.append(f"{before} Read {text} for the details.")
    return out


def clip_text(art: Article, rng: random.Random) -> str:
    """A raw clip: headline, menu junk, byline, paragraphs, share widgets."""
    lines = []
    if rng.random() < 0.5:
        lines.append(f"Site icon {art.source}")
    lines.append(art.title)
    lines += rng.sample(MENU, rng.randint(3, 6))
    y, m, d = (int(x) for x in art.date.split("-"))
    if art.language == "de":
        lines.append(f"{d:02d}.{m:02d}.{y} {art.author}")
    else:
        lines.append(f"By {art.author}")
        lines.append(f"{MONTHS[m - 1]} {d}, {y}")
    body = plain_body(art)
    if rng.random() < 0.4:
        body.insert(2, f"(Photo: {art.source})")
    lines += body
    lines += rng.sample(SHARE, rng.randint(3, 7))
    return "\n\n".join(lines) + "\n"


# ------------------------------------------------------------------------- writers

class _Dumper(yaml.SafeDumper):
    """The settings of builder/frontmatter.py's dump_meta: block style, key order kept."""


_Dumper.add_representer(type(None), lambda d, _: d.represent_scalar("tag:yaml.org,2002:null", ""))
_Dumper.add_representer(dt.date, yaml.SafeDumper.represent_date)


def dump_meta(meta: dict) -> str:  # type: ignore[type-arg]
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False, indent=2)


def _date(art: Article) -> dt.date:
    return dt.date.fromisoformat(art.date)


def briefing_article(art: Article) -> str:
    """Front matter in the order and style `briefing ingest` writes (README: Front matter)."""
    meta = {
        "title": art.title, "slug": art.slug, "source": art.source,
        "url": f"https://www.example.com/news/{art.slug}",
        "author": art.author, "authors": [art.author] if art.author else [],
        "date": _date(art), "language": art.language, "summary": art.summary,
        "topics": art.topics, "people": art.people,
        "targets": [{"claim": t.claim, "metric": t.metric, "value": t.value, "unit": t.unit,
                     "deadline": t.deadline, "by": t.by, "quote": t.quote}
                    for t in art.targets],
        "seed": {"file": art.clip_name, "sha256": art.clip_sha256},
        "draft": False,
    }
    return f"---\n{dump_meta(meta)}---\n\n{markdown_body(art)}"


def hugo_article(art: Article) -> str:
    meta = {
        "title": art.title, "slug": art.slug, "date": _date(art), "summary": art.summary,
        "author": art.author, "language": art.language, "topics": art.topics,
        "people": art.people, "sources": [art.source],
        "targets": [{"claim": t.claim, "by": t.by} for t in art.targets],
        "seed": {"file": art.clip_name, "sha256": art.clip_sha256},
    }
    return f"---\n{dump_meta(meta)}---\n\n{markdown_body(art)}"


def pelican_article(art: Article) -> str:
    meta = [
        f"Title: {art.title}",
        f"Slug: {art.slug}",
        f"Date: {art.date}",
        f"Summary: {art.summary}",
        f"Byline: {art.author}",
        f"Lang: {art.language}",
        f"Tags: {', '.join(art.topics)}" if art.topics else "",
        f"Authors: {'; '.join(art.people)};",
        f"Category: {art.source}",
        f"Targets: {' | '.join(f'{t.claim} — {t.by}' for t in art.targets)}"
        if art.targets else "",
        f"Seed: {art.clip_name} {art.clip_sha256}",
    ]
    return "\n".join(m for m in meta if m) + "\n\n" + markdown_body(art)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def copy_config(repo: Path, content: Path) -> None:
    content.mkdir(parents=True, exist_ok=True)
    for name in ("site.yml", "targets.yml"):  # settings, and the measures (GMV) of its targets
        shutil.copyfile(repo / "content" / name, content / name)
    shutil.copytree(repo / "content" / "topics", content / "topics", dirs_exist_ok=True)


def generate(n: int, out: Path, seed: int = DEFAULT_SEED, repo: Path = REPO,
             tools: tuple[str, ...] = ("briefing", "clips", "hugo", "pelican")) -> list[Article]:
    """Write the corpus for ``tools`` into ``out`` (which should not exist yet)."""
    writer = Writer(seed)
    clip_rng = random.Random(seed + 1)
    taken: set[str] = set()
    articles = []
    for i in range(n):
        art = writer.article(i, taken)
        clip = clip_text(art, clip_rng)
        art.clip_name = f"{i:05d}_{hashlib.sha256(art.slug.encode()).hexdigest()[:16]}.txt"
        data = clip.encode("utf-8")
        art.clip_sha256 = hashlib.sha256(data).hexdigest()
        articles.append(art)
        if "clips" in tools:
            write(out / "clips" / "seeds" / art.clip_name, clip)
        if "briefing" in tools:
            write(out / "briefing" / "content" / "articles" / f"{art.slug}.md",
                  briefing_article(art))
        if "hugo" in tools:
            write(out / "hugo" / "content" / "posts" / f"{art.slug}.md", hugo_article(art))
        if "pelican" in tools:
            write(out / "pelican" / "content" / f"{art.slug}.md", pelican_article(art))
    if "briefing" in tools:
        copy_config(repo, out / "briefing" / "content")
    if "clips" in tools:
        copy_config(repo, out / "clips" / "content")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if "hugo" in tools:
        from bench_themes import write_hugo_site
        write_hugo_site(out / "hugo", repo)
    if "pelican" in tools:
        from bench_themes import write_pelican_site
        write_pelican_site(out / "pelican", repo)
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to create")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--repo", type=Path, default=REPO, help="where content/ is copied from")
    parser.add_argument("--tools", default="briefing,clips,hugo,pelican")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"error: {args.out} exists and is not empty", file=sys.stderr)
        return 2
    generate(args.n, args.out, args.seed, args.repo, tuple(args.tools.split(",")))
    print(f"wrote {args.n} articles into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
