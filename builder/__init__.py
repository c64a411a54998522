"""briefing: turn clipped news articles into a clean, themed briefing microsite.

Pipeline (data flows one way):
    seeds/ --ingest--> content/articles/*.md --build--> site/
"""

__version__ = "0.1.0"
