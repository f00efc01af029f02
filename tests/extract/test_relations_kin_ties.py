"""Family ties within and across sentences (issue 12), on sentences from Re-DocRED dev half a and news-like
wording: a kin phrase set before "she"/"he", a kin apposition the parser hangs on a birthplace, both parents of
"the son of A and his wife B", whom "his"/"her" in a coordination means, the gender a kin or spouse title gives,
kin lists after a colon, a sibling's parents, and "marry" with a pronoun or a name the parser split off. Each rule
comes with the false reading it must not make."""

from __future__ import annotations

from tests.extract.rule_relations import rule_pairs as _pairs
from tests.extract.rule_relations import rule_relations as _relations


def _family(got: set[tuple[str, str, str]]) -> set[frozenset[str]]:
    return {frozenset((s, o)) for s, p, o in got if p == "family"}


def test_a_kin_phrase_before_the_subject_pronoun_is_the_pronoun_s_parentage() -> None:
    got = _relations("Eleonora Vallone is an Italian actress. Born in Rome, the daughter of actors Raf Vallone and "
                     "Elena Varzi, she made her film debut in 1979.")
    assert ("Eleonora Vallone", "family", "Raf Vallone", "daughter") in got
    assert ("Eleonora Vallone", "family", "Elena Varzi", "daughter") in got
    got = _relations("George Prévost was a British soldier. Born in New Jersey, the eldest son of Genevan Augustine "
                     "Prévost, he joined the British Army as a youth.")
    assert ("George Prévost", "family", "Genevan Augustine Prévost", "son") in got


def test_a_fronted_phrase_that_is_no_kin_phrase_makes_no_family() -> None:
    got = _pairs("Eleonora Vallone is an Italian actress. Born in Rome, a friend of the actor Raf Vallone, she "
                 "made her film debut in 1979.")
    assert not _family(got)


def test_a_kin_apposition_on_the_birthplace_belongs_to_whoever_was_born() -> None:
    got = _relations("Rufus Seaman Carter was a farmer in Nova Scotia. He was born in Cumberland County, Nova "
                     "Scotia, the son of William Dobson Carter and Elizabeth Ann Reed.")
    sons = {o for s, p, o, r in got if p == "family" and r == "son"}
    assert sons == {"William Dobson Carter", "Elizabeth Ann Reed"}


def test_a_kin_apposition_on_a_place_outside_a_birth_is_not_the_subject_s() -> None:
    got = _relations("Rufus Seaman Carter was a farmer in Nova Scotia. He visited Cumberland County, Nova Scotia, "
                     "the son of William Dobson Carter, in 1890.")
    assert not {r for r in got if r[1] == "family" and r[3] == "son"}


def test_the_son_of_a_man_and_his_wife_is_the_child_of_both() -> None:
    got = _relations("Henrik Angell was a Norwegian officer. He was the son of Johan Mølmann Anderson Lysholm Angell "
                     "(1820 – 88) and his wife Marie With Bonnevie (1830 – 1904).")
    assert ("Henrik Angell", "family", "Johan Mølmann Anderson Lysholm Angell", "son") in got
    assert ("Henrik Angell", "family", "Marie With Bonnevie", "son") in got
    assert ("Marie With Bonnevie", "family", "Johan Mølmann Anderson Lysholm Angell", "wife") in got


def test_his_wife_after_a_parent_and_his_apposition_is_the_parent_s_wife() -> None:
    got = _relations("Yi Seok is a Korean prince. He is a son of Prince Yi Kang, the fifth son of Emperor Gojong of "
                     "Korea, and his thirteenth wife, Lady Hong Chŏng-sun, a former telephone operator.")
    assert ("Hong Chŏng-sun", "family", "Prince Yi Kang", "wife") in got
    assert ("Hong Chŏng-sun", "family", "Gojong", "wife") not in got  # the name inside the apposition


def test_his_in_a_coordination_is_its_first_member_s_never_an_earlier_person_s() -> None:
    # (where no entity holds the first member's name, "his" gets no antecedent at all: see
    # ``ReferenceResolver._coordination_owner``; on Re-DocRED that removed "Amroth, son of the Silvan Elves")
    got = _pairs("Thranduil Greenleaf ruled the forest. Similarly Amdír and his son Amroth, the last Sindarin "
                 "prince of Lorien, were Sindar.")
    assert not {pair for pair in _family(got) if "Thranduil Greenleaf" in pair}  # "his" is Amdír's


def test_a_singular_apposition_after_a_coordination_is_its_last_member_s() -> None:
    got = _relations("His life was marked by numerous scandals, among them marriages to Zizi Lambrino and Princess "
                     "Helen of Greece and Denmark, daughter of King Constantine I of Greece.")
    daughters = {s for s, p, o, r in got if p == "family" and r == "daughter"}
    assert daughters == {"Helen"}  # not Zizi Lambrino, the first member the parser hangs it on


def test_a_plural_kin_title_before_a_colon_list_makes_siblings() -> None:
    got = _relations("It was founded in 1940 as the vehicle for the five Rockefeller brothers: John D. Rockefeller "
                     "III, Nelson Rockefeller, Winthrop Rockefeller and David Rockefeller.")
    assert ("John D. Rockefeller III", "family", "Nelson Rockefeller", "sibling") in got
    assert ("Winthrop Rockefeller", "family", "David Rockefeller", "sibling") in got
    # the family name before the title is no parent of theirs
    assert not {r for r in got if r[1] == "family" and r[3] != "sibling"}


def test_a_sibling_of_a_child_is_a_child_of_the_same_parent() -> None:
    got = _relations("Li Jiancheng was the first crown prince of the Tang dynasty. He was the oldest son of Li "
                     "Yuan, the founding emperor. Li Jiancheng was murdered by his younger brother, Li Shimin, in 626.")
    assert ("Li Jiancheng", "family", "Li Yuan", "son") in got
    assert ("Li Shimin", "family", "Li Yuan", "child") in got


def test_a_half_brother_is_not_given_the_other_parent() -> None:
    got = _relations("Li Jiancheng was the first crown prince of the Tang dynasty. He was the oldest son of Li "
                     "Yuan, the founding emperor. Li Jiancheng was murdered by his half-brother, Li Shimin, in 626.")
    assert not {r for r in got if r[0] == "Li Shimin" and r[2] == "Li Yuan"}


def test_marrying_a_pronoun_or_a_name_the_parser_split_off() -> None:
    got = _pairs("Joyce Godenzi is a former actress. She appeared in several films alongside kung fu film actor "
                 "Sammo Hung before marrying him in 1995.")
    assert frozenset(("Joyce Godenzi", "Sammo Hung")) in _family(got)
    got = _pairs("Manon Balletti was a friend of Giacomo Casanova. Manon Balletti married the architect Jacques "
                 "Blondel a short while after.")
    assert ("Manon Balletti", "family", "Jacques Blondel") in got
    got = _pairs("Hele Beji is a writer. Her niece Yasmine Torjeman - Besson married French politician Éric Besson.")
    assert ("Yasmine Torjeman - Besson", "family", "Éric Besson") in got


def test_meeting_him_before_a_film_is_no_marriage() -> None:
    got = _pairs("Joyce Godenzi is a former actress. She appeared in several films alongside kung fu film actor "
                 "Sammo Hung after meeting him in 1985.")
    assert not _family(got)


def test_his_parents_are_a_and_b_makes_them_co_parents() -> None:
    got = _relations("Nikos Aliagas is a Greek-French journalist. His Greek parents are Andreas and Harula Aliagas.")
    assert ("Andreas", "family", "Harula Aliagas", "co-parent") in got
    assert ("Harula Aliagas", "family", "Nikos Aliagas", "parent") in got


def test_a_wife_named_beside_her_husband_is_the_she_of_the_next_sentence() -> None:
    got = _pairs("Tom Smith and his wife Mary Jones moved to Paris in 1990. She later joined the Red Cross.")
    assert ("Mary Jones", "membership", "Red Cross") in got
    assert ("Tom Smith", "membership", "Red Cross") not in got  # "his wife" makes Tom Smith a man


def test_the_sister_of_someone_s_friend_is_not_that_someone_s_sister() -> None:
    got = _pairs("Hans Berg is a singer. He is the younger brother of John Smith's closest friend.")
    assert not _family(got)
    got = _pairs("Hans Berg is a singer. He is the younger brother of John Smith.")
    assert ("Hans Berg", "family", "John Smith") in got


def test_a_name_inside_a_phrase_an_earlier_his_possesses_is_not_the_later_his() -> None:
    got = _relations("John of Islay was a Scottish magnate. His struggle for power with King James III of Scotland "
                     "ended in humiliation, following which his illegitimate son Angus Og rebelled against his rule.")
    assert ("Angus Og", "family", "John of Islay", "son") in got
    assert not {r for r in got if r[1] == "family" and r[2] == "James III"}


def test_the_subject_of_had_children_is_their_parent() -> None:
    got = _relations("Tom Baker is a British actor. He had two sons, Daniel Baker and Piers Baker.")
    assert ("Daniel Baker", "family", "Tom Baker", "son") in got
    assert ("Piers Baker", "family", "Tom Baker", "son") in got
    assert ("Daniel Baker", "family", "Piers Baker", "sibling") in got


def test_having_a_child_title_that_is_no_object_of_have_makes_no_parent() -> None:
    got = _relations("Tom Baker is a British actor. He met two sons of a farmer, Daniel Baker and Piers Baker.")
    assert not {r for r in got if r[1] == "family" and r[2] == "Tom Baker"}


def test_born_to_a_father_with_a_description_and_a_mother() -> None:
    got = _relations("Omero Mumba is an actor. Mumba was born in Dublin, Ireland, to Peter Mumba, a Zambian aircraft "
                     "engineer and Barbara, who is Irish.")
    assert ("Peter Mumba", "family", "Barbara", "co-parent") in got


def test_a_kin_title_and_a_name_the_parser_makes_two_subjects_are_one_apposition() -> None:
    got = _relations("Lehmann Bernheimer was a German antique dealer. On his death in 1918, his son, Otto Bernheimer "
                     "took over.")
    assert ("Otto Bernheimer", "family", "Lehmann Bernheimer", "son") in got


def test_a_name_after_a_kin_subject_and_its_verb_is_no_apposition() -> None:
    got = _relations("Lehmann Bernheimer was a German antique dealer. His son moved to Munich, where Otto Kahn "
                     "took over the shop.")
    assert not {r for r in got if r[1] == "family" and r[0] == "Otto Kahn"}


def test_a_parent_given_by_a_possessive_pronoun_is_not_passed_on_to_a_sibling() -> None:
    # "her daughter, Charlene" once went to the wrong "her" on ECB+; the closure must not give Charlene's brother
    # that stranger for a parent as well
    got = _relations("Anna Smith was seen with her mom Lynne Smith and her sister Jamie Lynn Smith.")
    assert ("Jamie Lynn Smith", "family", "Anna Smith", "sister") in got
    assert not {r for r in got if r[3] == "child"}
