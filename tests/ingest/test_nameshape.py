"""Name shapes on bylines (builder/ingest/nameshape.py)."""

import pytest

from builder.ingest.nameshape import CJK_NAME, SHOUTED, given_first, strip_contacts


@pytest.mark.parametrize(("text", "left"), [
    ("Mariano Martín mmartin@ambito.com.ar", "Mariano Martín"),
    ("Williams Perdomo @wperdomod", "Williams Perdomo"),
    ("Jane Doe https://example.com/jane www.example.com", "Jane Doe"),
    ("Jane Doe (at) example", "Jane Doe (at) example"),  # no address: left as it is
    ("a@b.org", ""),
    ("a@b", "a@b"),  # no domain: no address
])
def test_addresses_and_handles_are_no_part_of_a_name(text: str, left: str) -> None:
    assert strip_contacts(text) == left


def test_a_bare_name_starts_with_a_known_given_name() -> None:
    assert given_first("Leah C. Stokes") and given_first("VÍCTOR CASTELLANOS")
    assert not given_first("Political Editor") and not given_first("Cake Recipes")


def test_shouted_words_and_cjk_names() -> None:
    assert SHOUTED.search("JEFF PACHOUD") and not SHOUTED.search("Jeff Pachoud")
    assert CJK_NAME.match("孔德明").group(0) == "孔德明"
    assert CJK_NAME.match("孔德明同志在北京说") is None  # no name of more than four
