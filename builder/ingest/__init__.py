"""Ingest: raw clipped articles (``seeds/``) become clean, editable Markdown.

Stages, one module each:
    decode.py   bytes -> text (charset detection, mojibake repair)
    repair.py   typographic repairs (quote marks lost to ``?``)
    html.py     saved web pages -> block-aware text lines
    clean.py    boilerplate removal (rules.yml + general heuristics)
    meta.py     title, source, author, date, language, people, summary
    topics.py   topic scoring against content/topics/*.md
    targets.py  numeric goals an article states
    pipeline.py ties the stages together for one raw file
    writer.py   writes content/articles/<slug>.md, keeping editors' edits
"""
