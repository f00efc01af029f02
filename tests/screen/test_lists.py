"""Watchlist readers: FtM, OFAC SDN CSVs, UN consolidated XML, plain CSV; bad files are one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.exc import UsageError
from dossier.screen.lists import detect_format, read_list

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2024-03-01T00:00:00.000Z">
 <INDIVIDUALS>
  <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ABDUL</FIRST_NAME><SECOND_NAME>GHANI</SECOND_NAME>
   <THIRD_NAME>BARADAR</THIRD_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>TAi.024</REFERENCE_NUMBER>
   <NAME_ORIGINAL_SCRIPT>عبد الغنی برادر</NAME_ORIGINAL_SCRIPT>
   <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Mullah Baradar Akhund</ALIAS_NAME></INDIVIDUAL_ALIAS>
  </INDIVIDUAL>
 </INDIVIDUALS>
 <ENTITIES>
  <ENTITY><DATAID>2</DATAID><FIRST_NAME>HAQQANI NETWORK</FIRST_NAME><REFERENCE_NUMBER>TAe.012</REFERENCE_NUMBER>
   <ENTITY_ALIAS><ALIAS_NAME>HQN</ALIAS_NAME></ENTITY_ALIAS></ENTITY>
 </ENTITIES>
</CONSOLIDATED_LIST>
"""


def test_un_xml(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text(UN_XML, encoding="utf-8")
    wl = read_list(str(path))
    assert wl.format == "un" and wl.version == "2024-03-01T00:00:00.000Z" and len(wl.sha256) == 64
    person, org = wl.entries
    assert (person.id, person.schema, person.name) == ("TAi.024", "Person", "ABDUL GHANI BARADAR")
    assert person.aliases == ("عبد الغنی برادر", "Mullah Baradar Akhund")
    assert (org.id, org.schema, org.name, org.aliases) == ("TAe.012", "Organization", "HAQQANI NETWORK", ("HQN",))


def test_un_xml_refuses_entities(tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    "<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>&e;</FIRST_NAME>"
                    "<REFERENCE_NUMBER>1</REFERENCE_NUMBER></ENTITY></ENTITIES></CONSOLIDATED_LIST>")
    with pytest.raises(UsageError) as caught:
        read_list(str(path))
    assert "root:" not in str(caught.value)  # no file content was pulled in
    assert "no people or organisations" in str(caught.value)


def test_ftm_json_lines(tmp_path: Path) -> None:
    lines = [
        {"id": "NK-1", "schema": "Person", "properties": {"name": ["Viktor Bout"], "alias": ["Виктор Бут"],
                                                          "topics": ["sanction"]}},
        {"id": "NK-2", "schema": "Company", "properties": {"name": ["Air Cess"], "country": ["lr"]}},
        {"id": "NK-3", "schema": "Address", "properties": {"full": ["Somewhere 1"]}},
    ]
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    wl = read_list(str(path))
    assert [(e.id, e.schema, e.name, e.aliases) for e in wl.entries] == [
        ("NK-1", "Person", "Viktor Bout", ("Виктор Бут",)), ("NK-2", "Company", "Air Cess", ())]
    path.write_text('{"id": "x", "schema": "Spaceship", "properties": {}}\n')
    with pytest.raises(UsageError, match=r"entities.ftm.json:1: unknown FollowTheMoney schema 'Spaceship'"):
        read_list(str(path))


def test_plain_csv_and_ofac_folder(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("name,aliases,type\nJohn Doe,J. Doe;Johnny Doe,person\nDoe Holdings Ltd,,organization\n")
    wl = read_list(str(path))
    assert [(e.id, e.schema, e.name, e.aliases) for e in wl.entries] == [
        ("2", "Person", "John Doe", ("J. Doe", "Johnny Doe")), ("3", "Organization", "Doe Holdings Ltd", ())]
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nx,y\n")
    with pytest.raises(UsageError, match="needs a header row with a 'name' column"):
        read_list(str(bad))
    sdn = tmp_path / "sdn"
    sdn.mkdir()
    (sdn / "sdn.csv").write_text('36,"DOE, John",individual,SDGT,-0- ,-0- \n37,DOE FRONT,-0- ,FTO] [SDGT,-0- \n')
    (sdn / "alt.csv").write_text("36,1,aka,\"DOE, Johnny\",-0- \n")
    assert detect_format(str(sdn)) == "ofac"
    wl = read_list(str(sdn))
    assert [(e.id, e.schema, e.name, e.aliases, e.detail) for e in wl.entries] == [
        ("36", "Person", "DOE, John", ("DOE, Johnny",), {"programs": "SDGT"}),
        ("37", "Organization", "DOE FRONT", (), {"programs": "FTO] [SDGT"})]
