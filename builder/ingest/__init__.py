"""Ingest: raw clipped articles (``seeds/``) become clean, editable Markdown.

Stages, one module each, in the order a raw file meets them:
    source.py   one raw file -> lines to clean (and its kind: text, html, markdown)
    decode.py   bytes -> text (charset detection, mojibake repair)
    repair.py   typographic repairs (quote marks lost to ``?``)
    html.py     saved web pages -> block-aware text lines
    rules.py    the boilerplate rules (rules.yml + a user's clean-rules.yml)
    lines.py    a page as lines with their features; single-line tests
    clean.py    boilerplate removal: rules, heuristics, the body
    title.py    the headline and subheadings
    markdown.py kept blocks -> Markdown
    meta.py     source, author, date, language, people, summary
    targets.py  numeric goals an article states
    topics.py   topic scores against content/topics/*.md
    pipeline.py one raw article -> a generated article (nothing written)
    writer.py   writes content/articles/<slug>.md, keeping editors' edits
    report.py   content/ingest-report.md: what was done to every file, and why
    batch.py    the ``briefing ingest`` command: a folder, in parallel
"""
