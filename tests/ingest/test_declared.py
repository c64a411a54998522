"""declared.py: a saved page's declared authors, tidied into names."""

import pytest

from builder.ingest.declared import page_authors


@pytest.mark.parametrize(("value", "site", "expected"), [
    ("Por Alberto Ávila", "", "Alberto Ávila"),
    ("El Mostrador; Raúl Espina", "El Mostrador", "Raúl Espina"),
    ("NOTICIAS TROME; Redacción Trome; Carla Chevez", "Trome", "Carla Chevez"),
    ("Grant Tinsley; PhD", "", "Grant Tinsley"),
    ("'Luana Patriolino; Raphael Felice", "", "Luana Patriolino, Raphael Felice"),
    ("AFP; The Local", "The Local", "AFP, The Local"),  # no person named: the site stays
    ("Prisma Média, Marie Merlet", "Télé-Loisirs", "Marie Merlet"),
    ("Ernst Lohoff, Jungle World", "jungle.world", "Ernst Lohoff"),
    ("Adam Aaronson PhillyVoice", "PhillyVoice", "Adam Aaronson"),
    ("L'Opinion", "lopinion.fr", ""),  # the paper itself: read the byline shown instead
    ("Ela", "Elavegan", "Ela"),  # a short name inside the site's is still a person
    ("责任编辑：孔德明", "", "孔德明"),
    ("", "Example", ""),
])
def test_a_page_s_declared_authors_are_tidied(value: str, site: str, expected: str) -> None:
    assert page_authors(value, site) == expected
