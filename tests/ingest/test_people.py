"""people.py: who an article names, one entry per person."""

from __future__ import annotations

import jsonschema
import yaml

from builder import schema
from builder.ingest.model import Block
from builder.ingest.names import PEOPLE_FILE
from builder.ingest.people import find_people, person_lookup


def people(*texts: str, language: str = "en") -> list[str]:
    return find_people([Block(t) for t in texts], language)


def test_people_in_order_of_first_mention():
    blocks = [Block("Payment Eye reported that Daniel Zhang is to replace Johnathan Lu as CEO."),
              Block("Zhang was speaking at the World Economic Forum in Davos."),
              Block("“We will grow,” said Jack Ma, founder of Alibaba Group.")]
    assert find_people(blocks) == ["Daniel Zhang", "Johnathan Lu", "Jack Ma"]


def test_titles_and_roles_are_stripped_in_several_languages():
    assert people("Florida Gov. Ron DeSantis signed the bill.") == ["Ron DeSantis"]
    assert people("International Trade Secretary Liz Truss faces pressure.") == ["Liz Truss"]
    assert people("Der Auftritt des US-Vizepräsidenten Mike Pence war kurz.",
                  language="de") == ["Mike Pence"]
    assert people("La Première ministre Élisabeth Borne est arrivée.", language="fr") == \
        ["Élisabeth Borne"]


def test_places_organisations_and_phrases_are_no_people():
    assert people("Israel fired at the Gaza Strip, the White House said.") == []
    assert people("She studied at James Madison University last year.") == []
    assert people("Helfen Sie uns! Bleiben Sie gesund.", language="de") == []


def test_a_cue_makes_a_name_without_known_given_name():
    assert people("“It works,” said Chinedum Okwudire, who led the study.") == \
        ["Chinedum Okwudire"]
    assert people("„Das reicht“, sagte Ertan Toprak am Montag.", language="de") == ["Ertan Toprak"]
    assert people("«Es grave», dijo Izkia Siches ayer.", language="es") == ["Izkia Siches"]
    assert people("Tout change, explique Georges Tapinos à Paris.", language="fr") == \
        ["Georges Tapinos"]


def test_surname_and_spelling_variants_merge_into_the_fullest_form():
    assert people("Netanjahu sprach zuerst.", "Benjamin Netanyahu said no.",
                  "Netanyahu left.") == ["Benjamin Netanyahu"]
    assert people("Jack Ma spoke.", "Then Ma left, and Ma came back.") == ["Jack Ma"]
    assert people("O caso, disse Odair Carneiro, está encerrado.",
                  "O delegado Odiar Carneiro saiu.", language="pt") == ["Odair Carneiro"]


def test_same_surname_different_people_stay_apart():
    assert people("James Lee and Susan Lee were charged; Lee denied it.") == \
        ["James Lee", "Susan Lee"]


def test_a_lone_surname_needs_a_cue_and_a_second_mention():
    assert people("„Nein“, sagte Merkel. Später schwieg Merkel.", language="de") == ["Merkel"]
    assert people("Die Stadt liegt im Wandel, betonte er.", language="de") == []


def test_person_lookup_maps_surnames():
    assert person_lookup(["Jack Ma"]) == {"Jack Ma": "Jack Ma", "Ma": "Jack Ma"}


def test_one_name_repeated_10_000_times_is_one_person():
    # (linear time is tested on a 100,000-line clip in test_safety_input.py)
    assert find_people([Block("Jack Ma said it again. " * 10_000)]) == ["Jack Ma"]


def test_people_yml_follows_its_schema():
    loaded = schema.schema("people")
    jsonschema.Draft202012Validator.check_schema(loaded)
    data = yaml.safe_load(PEOPLE_FILE.read_text("utf-8"))
    assert not list(jsonschema.Draft202012Validator(loaded).iter_errors(data))


def test_a_character_or_a_work_is_no_person():
    assert people("Ma said movies inspired him, in particular the character of Forrest Gump. "
                  "“I love Forrest Gump,” he said. Jack Ma said so.") == ["Jack Ma"]
    assert people("Sie sah den Film Erin Brockovich, sagte Anna Schmidt.",
                  language="de") == ["Anna Schmidt"]


def test_a_particle_after_a_full_name_is_a_preposition():
    assert people("Das hat Jack Ma schon oft gesagt, und so sagte es auch Jack Ma von "
                  "Techcrunch in einem Interview.", language="de") == ["Jack Ma"]
    assert people("Ursula von der Leyen spoke, and Luana Yasmin Gonçalves da Silva said no.") \
        == ["Ursula von der Leyen", "Luana Yasmin Gonçalves da Silva"]


def test_an_elided_article_or_a_dash_glued_to_a_name_is_not_part_of_it():
    assert people("Le conseiller d’Emmanuel Macron est parti hier soir.", language="fr") == \
        ["Emmanuel Macron"]
    assert people("Dos represores –Raúl Harsich y otro– fueron condenados.",
                  language="es") == ["Raúl Harsich"]


def test_a_name_listed_with_a_person_is_a_person():
    assert people("The study was led by Anna Schmidt and Molong Duan last year.") == \
        ["Anna Schmidt", "Molong Duan"]
    assert people("The study was led by Anna Schmidt, Molong Duan and others.") == \
        ["Anna Schmidt"]  # a comma also sets off a party or a role


def test_a_surname_that_is_a_role_stays_after_a_given_name():
    assert people("The party replaced her with John Major in the end.") == ["John Major"]


def test_a_role_a_few_words_after_the_comma_is_a_cue():
    assert people("The plan was adopted by Mitt Romney, the Republican governor, in 2006.") == \
        ["Mitt Romney"]


def test_a_cued_name_with_a_particle_is_kept_whole():
    assert people("«Es así», explicó Silvina del Pópolo, directora del área. Luego "
                  "Del Pópolo destacó que sí, y lo repitió del Pópolo.", language="es") == \
        ["Silvina del Pópolo"]


def test_a_word_after_an_article_is_a_noun_not_a_surname():
    assert people("Das System braucht dringend einen Wandel, sagte er. Die Firma will so "
                  "einen Wandel umsetzen.", language="de") == []
    assert people("Die Polizei fand ihn an der Avenida Antero de Brito, sagte sie.",
                  language="de") == []
