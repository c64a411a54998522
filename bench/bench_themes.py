# ruff: noqa: E501  (the templates are kept one element per line, as in a theme)
"""The Hugo and Pelican sites of the benchmark corpus: config and a minimal theme each.

Both themes do the work briefing's theme does, page for page (see docs/benchmarks.md):

=====================  =======================  =========================  ======================
briefing               Hugo                     Pelican                    every article listed?
=====================  =======================  =========================  ======================
home                   home                     index                      yes, as cards
/articles/<slug>/      page (permalink)         article                    —
/topics/<slug>/        term of ``topics``       tag                        its articles, as cards
/people/, /<name>/     taxonomy/term ``people``  authors, author            its articles, as cards
/sources/, /<name>/    taxonomy/term ``sources`` categories, category      its articles, as cards
feed.xml (Atom)        index.xml (RSS)          feed.xml (Atom)            all, full content
sitemap.xml            sitemap.xml (built in)   sitemap.xml (direct tpl)   yes
robots.txt, 404.html   built in, 404.html       static file, direct tpl    —
=====================  =======================  =========================  ======================

Hugo's article element is marked ``data-pagefind-body``, as briefing's is, so that Pagefind
indexes the same pages of both sites: the articles (briefing's also marks its three topic
pages). Without any mark Pagefind would index every page of Hugo's site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

# ------------------------------------------------------------------------------- Hugo

HUGO_CONFIG = """\
baseURL: https://example.github.io/briefing/
title: {title}
locale: en
defaultContentLanguage: en
disableKinds: [section]
enableRobotsTXT: true
capitalizeListTitles: false
pluralizeListTitles: false
taxonomies:
  topic: topics
  person: people
  source: sources
permalinks:
  page:
    posts: /articles/:slug/
outputs:
  home: [html, rss]
  page: [html]
  taxonomy: [html]
  term: [html]
services:
  rss:
    limit: 50
pagination:
  pagerSize: 20
related:
  includeNewer: true
  threshold: 1
  toLower: false
  indices:
    - {{name: topics, weight: 2}}
    - {{name: people, weight: 1}}
params:
  lead: {lead}
  organisation: {organisation}
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . | truncate 160 }}{{ else }}{{ site.Params.lead | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
<link rel="icon" href="{{ "assets/favicon.svg" | relURL }}" type="image/svg+xml">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
  <nav aria-label="Main"><ul>
    <li><a href="{{ site.Home.RelPermalink }}#topics">Topics</a></li>
    <li><a href="{{ "topics/targets/" | relURL }}">Targets</a></li>
    <li><a href="{{ "people/" | relURL }}">People</a></li>
    <li><a href="{{ "sources/" | relURL }}">Sources</a></li>
  </ul></nav>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>{{ site.Params.organisation }} · <a href="{{ "index.xml" | relURL }}">Feed</a> · <a href="{{ "sources/" | relURL }}">Sources</a></p></footer>
</body>
</html>
""",
    "_partials/byline.html": """\
<p class="meta byline">
  {{ range .GetTerms "sources" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
  {{ with .Params.author }}<span>{{ . }}</span> {{ end }}
  <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
  <span>{{ .ReadingTime }} min read</span>
  {{ if ne .Params.language "en" }}<span class="badge">{{ .Params.language }}</span>{{ end }}
</p>
""",
    "_partials/card.html": """\
<article class="card">
  <h3{{ if ne .Params.language "en" }} lang="{{ .Params.language }}"{{ end }}><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  {{ partial "byline.html" . }}
  {{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
</article>
""",
    "home.html": """\
{{ define "main" }}
<section class="lead"><h1>{{ site.Title }}</h1><p>{{ site.Params.lead }}</p></section>
<section id="topics"><h2>Topics</h2>
<ul class="topic-cards">
{{ range site.Taxonomies.topics }}
  <li class="topic-card"><h3><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h3>
  <p>{{ .Page.Params.summary }}</p><p class="meta">{{ .Count }} articles</p></li>
{{ end }}
</ul></section>
<section><h2>Latest articles</h2>
{{ range first 10 site.RegularPages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}
</section>
{{ end }}
""",
    "page.html": """\
{{ define "main" }}
<article class="article" data-pagefind-body>
  <header>
    <h1{{ if ne .Params.language "en" }} lang="{{ .Params.language }}"{{ end }}>{{ .Title }}</h1>
    {{ partial "byline.html" . }}
    <ul class="chips">{{ range .GetTerms "topics" }}<li><a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
  </header>
  <div class="prose">
{{ .Content }}
  </div>
  {{ with .GetTerms "people" }}<p class="meta">People: {{ range $i, $p := . }}{{ if $i }}, {{ end }}<a href="{{ $p.RelPermalink }}">{{ $p.LinkTitle }}</a>{{ end }}</p>{{ end }}
  {{ with .Params.targets }}<section><h2>Targets stated</h2><ul>{{ range . }}<li>{{ .claim }} — {{ .by }}</li>{{ end }}</ul></section>{{ end }}
  <footer class="provenance"><p>Raw seed: <code>{{ .Params.seed.file }}</code>, sha256 <code class="hash">{{ .Params.seed.sha256 }}</code></p></footer>
</article>
<nav class="pager">
  {{ with .Next }}<a rel="prev" href="{{ .RelPermalink }}">← Older: {{ .Title }}</a>{{ end }}
  {{ with .Prev }}<a rel="next" href="{{ .RelPermalink }}">Newer: {{ .Title }} →</a>{{ end }}
</nav>
{{ with site.RegularPages.Related . | first 3 }}
<section class="related"><h2>Related articles</h2>{{ range . }}{{ partial "card.html" . }}{{ end }}</section>
{{ end }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="index">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="meta">{{ .Count }} articles</span></li>
{{ end }}
</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Content }}<div class="prose intro">{{ . }}</div>{{ end }}
{{ if and (eq .Data.Plural "topics") (eq .Data.Term "targets") }}
<section><h2>Targets</h2><table class="tracker">
{{ range (.Paginate .Pages).Pages }}{{ $p := . }}{{ range .Params.targets }}<tr><td>{{ .claim }}</td><td>{{ .by }}</td><td><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></td></tr>
{{ end }}{{ end }}
</table></section>
{{ end }}
<section><h2>Articles</h2>
{{ range .Paginator.Pages }}{{ partial "card.html" . }}{{ end }}
</section>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>Page not found</h1><p><a href="{{ site.Home.RelPermalink }}">Home</a></p>{{ end }}
""",
    "rss.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Params.lead }}</description>
<language>en</language>
{{ with .OutputFormats.Get "rss" }}{{ printf "<atom:link href=%q rel=\\"self\\" type=%q />" .Permalink .MediaType | safeHTML }}{{ end }}
{{ range first 50 site.RegularPages.ByDate.Reverse }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid>{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
{{ range .Params.topics }}<category>{{ . }}</category>{{ end }}
<description>{{ .Content | transform.XMLEscape | safeHTML }}</description>
</item>
{{ end }}
</channel>
</rss>
""",
}


def _topics(repo: Path) -> list[tuple[str, dict, str]]:  # type: ignore[type-arg]
    """(slug, front matter, introduction) of every topic in the repo's content/topics."""
    out = []
    for path in sorted((repo / "content" / "topics").glob("*.md")):
        _, meta, body = path.read_text("utf-8").split("---\n", 2)
        out.append((path.stem, yaml.safe_load(meta), body.strip() + "\n"))
    return out


def _site(repo: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((repo / "content" / "site.yml").read_text("utf-8"))


def _assets(repo: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("style.css", "favicon.svg"):
        shutil.copyfile(repo / "themes" / "briefing" / "static" / name, folder / name)


def write_hugo_site(root: Path, repo: Path) -> None:
    site = _site(repo)
    q = lambda s: yaml.safe_dump(s, width=4096).strip().removesuffix("\n...")  # noqa: E731
    (root / "hugo.yaml").write_text(HUGO_CONFIG.format(
        title=q(site["title"]), lead=q(site.get("lead", "")),
        organisation=q(site.get("organisation", ""))), "utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = root / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    for slug, meta, intro in _topics(repo):
        front = yaml.safe_dump({"title": meta["title"], "summary": meta.get("summary", "")},
                               allow_unicode=True, sort_keys=False, width=4096)
        path = root / "content" / "topics" / slug / "_index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\n{intro}", "utf-8")
    _assets(repo, root / "static" / "assets")


# ------------------------------------------------------------------------------- Pelican

PELICAN_CONF = '''\
"""Pelican settings of the benchmark site (bench/bench_themes.py).

Only what briefing also builds: articles, the home page, tags (= topics), authors (= people),
categories (= sources), their two indexes, a 404 page, one Atom feed with every article,
a sitemap and robots.txt. No pages, archives, tag index, per-tag/author/category feeds,
translations feeds or pagination.
"""
import os

AUTHOR = {organisation!r}
SITENAME = {title!r}
SITEURL = "https://example.github.io/briefing"
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PATH = "content"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["extra"]
PAGE_PATHS = []
STATIC_PATHS = ["extra/robots.txt"]
EXTRA_PATH_METADATA = {{"extra/robots.txt": {{"path": "robots.txt"}}}}

ARTICLE_URL = "articles/{{slug}}/"
ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
TAG_URL = "topics/{{slug}}/"
TAG_SAVE_AS = "topics/{{slug}}/index.html"
AUTHOR_URL = "people/{{slug}}/"
AUTHOR_SAVE_AS = "people/{{slug}}/index.html"
CATEGORY_URL = "sources/{{slug}}/"
CATEGORY_SAVE_AS = "sources/{{slug}}/index.html"
AUTHORS_SAVE_AS = "people/index.html"
CATEGORIES_SAVE_AS = "sources/index.html"
SITEMAP_SAVE_AS = "sitemap.xml"
DIRECT_TEMPLATES = ["index", "authors", "categories", "sitemap", "404"]
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
PAGE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DEFAULT_PAGINATION = 20  # briefing pages its listings by 20 as well

FEED_ALL_ATOM = "feed.xml"
FEED_MAX_ITEMS = 50  # as briefing's feed
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None

MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.extra": {{}},
        "markdown.extensions.smarty": {{}},
        "markdown.extensions.toc": {{}},
    }},
    "output_format": "html5",
}}

# The benchmark turns Pelican's content cache on for the rebuild cases only
# (BENCH_PELICAN_CACHE=1), as briefing keeps its build cache between builds.
CACHE_CONTENT = os.environ.get("BENCH_PELICAN_CACHE") == "1"
LOAD_CONTENT_CACHE = CACHE_CONTENT
CACHE_PATH = "cache"
'''

PELICAN_TEMPLATES = {
    "base.html": """\
<!doctype html>
<html lang="{{ DEFAULT_LANG }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ SITENAME }}{% endblock %}</title>
<meta name="description" content="{% block description %}{{ SITENAME }}{% endblock %}">
<link rel="stylesheet" href="{{ SITEURL }}/theme/style.css">
<link rel="icon" href="{{ SITEURL }}/theme/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="{{ SITENAME }}" href="{{ FEED_DOMAIN }}/{{ FEED_ALL_ATOM }}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="site-title" href="{{ SITEURL }}/">{{ SITENAME }}</a>
  <nav aria-label="Main"><ul>
    <li><a href="{{ SITEURL }}/#topics">Topics</a></li>
    <li><a href="{{ SITEURL }}/topics/targets/">Targets</a></li>
    <li><a href="{{ SITEURL }}/people/">People</a></li>
    <li><a href="{{ SITEURL }}/sources/">Sources</a></li>
  </ul></nav>
</header>
<main id="main" tabindex="-1">
{% block content %}{% endblock %}
</main>
<footer class="site-footer"><p>{{ AUTHOR }} · <a href="{{ FEED_DOMAIN }}/{{ FEED_ALL_ATOM }}">Atom feed</a> · <a href="{{ SITEURL }}/sources/">Sources</a></p></footer>
</body>
</html>
""",
    "macros.html": """\
{% macro byline(article) -%}
<p class="meta byline">
  <a href="{{ SITEURL }}/{{ article.category.url }}">{{ article.category }}</a>
  {% if article.byline %}<span>{{ article.byline }}</span> {% endif %}
  <time datetime="{{ article.date.isoformat() }}">{{ article.locale_date }}</time>
  {% if article.lang != DEFAULT_LANG %}<span class="badge">{{ article.lang }}</span>{% endif %}
</p>
{%- endmacro %}

{% macro card(article) -%}
<article class="card">
  <h3{% if article.lang != DEFAULT_LANG %} lang="{{ article.lang }}"{% endif %}><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a></h3>
  {{ byline(article) }}
  {% if article.summary %}<p class="summary">{{ article.summary | striptags }}</p>{% endif %}
</article>
{%- endmacro %}
""",
    "index.html": """\
{% extends "base.html" %}
{% from "macros.html" import card %}
{% block content %}
<section class="lead"><h1>{{ SITENAME }}</h1></section>
<section id="topics"><h2>Topics</h2><ul class="topic-cards">
{% for tag, tagged in tags %}<li class="topic-card"><h3><a href="{{ SITEURL }}/{{ tag.url }}">{{ tag }}</a></h3><p class="meta">{{ tagged | length }} articles</p></li>
{% endfor %}</ul></section>
<section><h2>Latest articles</h2>
{% for article in articles %}{{ card(article) }}{% endfor %}
</section>
{% endblock %}
""",
    "article.html": """\
{% extends "base.html" %}
{% from "macros.html" import byline, card %}
{% block title %}{{ article.title }} · {{ SITENAME }}{% endblock %}
{% block description %}{{ article.summary | striptags | truncate(160) }}{% endblock %}
{% block content %}
<article class="article">
  <header>
    <h1{% if article.lang != DEFAULT_LANG %} lang="{{ article.lang }}"{% endif %}>{{ article.title }}</h1>
    {{ byline(article) }}
    <p class="meta">{{ ((article.content | striptags | wordcount) / 200) | round(0, "ceil") | int }} min read</p>
    <ul class="chips">{% for tag in article.tags %}<li><a class="chip" href="{{ SITEURL }}/{{ tag.url }}">{{ tag }}</a></li>{% endfor %}</ul>
  </header>
  <div class="prose">
{{ article.content }}
  </div>
  <p class="meta">People: {% for author in article.authors %}<a href="{{ SITEURL }}/{{ author.url }}">{{ author }}</a>{{ ", " if not loop.last }}{% endfor %}</p>
  {% if article.targets %}<section><h2>Targets stated</h2><ul>{% for t in article.targets.split(" | ") %}<li>{{ t }}</li>{% endfor %}</ul></section>{% endif %}
  <footer class="provenance"><p>Raw seed: <code>{{ article.seed }}</code></p></footer>
</article>
{% endblock %}
""",
    "tag.html": """\
{% extends "base.html" %}
{% from "macros.html" import card %}
{% block title %}{{ tag }} · {{ SITENAME }}{% endblock %}
{% block content %}
<h1>{{ tag }}</h1>
{% if tag.slug == "targets" %}
<section><h2>Targets</h2><table class="tracker">
{% for article in articles %}{% if article.targets %}{% for t in article.targets.split(" | ") %}<tr><td>{{ t }}</td><td><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a></td></tr>
{% endfor %}{% endif %}{% endfor %}
</table></section>
{% endif %}
<section><h2>Articles</h2>
{% for article in articles %}{{ card(article) }}{% endfor %}
</section>
{% endblock %}
""",
    "author.html": """\
{% extends "base.html" %}
{% from "macros.html" import card %}
{% block title %}{{ author }} · {{ SITENAME }}{% endblock %}
{% block content %}
<h1>{{ author }}</h1>
<p><a href="{{ SITEURL }}/people/">All people</a></p>
{% for article in articles %}{{ card(article) }}{% endfor %}
{% endblock %}
""",
    "category.html": """\
{% extends "base.html" %}
{% from "macros.html" import card %}
{% block title %}{{ category }} · {{ SITENAME }}{% endblock %}
{% block content %}
<h1>{{ category }}</h1>
<p><a href="{{ SITEURL }}/sources/">All sources</a></p>
{% for article in articles %}{{ card(article) }}{% endfor %}
{% endblock %}
""",
    "authors.html": """\
{% extends "base.html" %}
{% block title %}People · {{ SITENAME }}{% endblock %}
{% block content %}
<h1>People</h1>
<ul class="index">
{% for author, written in authors %}<li><a href="{{ SITEURL }}/{{ author.url }}">{{ author }}</a> <span class="meta">{{ written | length }} articles</span></li>
{% endfor %}</ul>
{% endblock %}
""",
    "categories.html": """\
{% extends "base.html" %}
{% block title %}Sources · {{ SITENAME }}{% endblock %}
{% block content %}
<h1>Sources</h1>
<ul class="index">
{% for category, listed in categories %}<li><a href="{{ SITEURL }}/{{ category.url }}">{{ category }}</a> <span class="meta">{{ listed | length }} articles</span></li>
{% endfor %}</ul>
{% endblock %}
""",
    "404.html": """\
{% extends "base.html" %}
{% block content %}<h1>Page not found</h1><p><a href="{{ SITEURL }}/">Home</a></p>{% endblock %}
""",
    "sitemap.html": """\
<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{{ SITEURL }}/</loc></url>
{% for article in articles %}<url><loc>{{ SITEURL }}/{{ article.url }}</loc><lastmod>{{ article.date.strftime("%Y-%m-%d") }}</lastmod></url>
{% endfor %}{% for tag, _ in tags %}<url><loc>{{ SITEURL }}/{{ tag.url }}</loc></url>
{% endfor %}<url><loc>{{ SITEURL }}/people/</loc></url>
{% for author, _ in authors %}<url><loc>{{ SITEURL }}/{{ author.url }}</loc></url>
{% endfor %}<url><loc>{{ SITEURL }}/sources/</loc></url>
{% for category, _ in categories %}<url><loc>{{ SITEURL }}/{{ category.url }}</loc></url>
{% endfor %}</urlset>
""",
}


def write_pelican_site(root: Path, repo: Path) -> None:
    site = _site(repo)
    (root / "pelicanconf.py").write_text(PELICAN_CONF.format(
        title=site["title"], organisation=site.get("organisation", "")), "utf-8")
    for name, text in PELICAN_TEMPLATES.items():
        path = root / "theme" / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    _assets(repo, root / "theme" / "static")
    robots = root / "content" / "extra" / "robots.txt"
    robots.parent.mkdir(parents=True, exist_ok=True)
    robots.write_text("User-agent: *\nAllow: /\n\n"
                      "Sitemap: https://example.github.io/briefing/sitemap.xml\n", "utf-8")
