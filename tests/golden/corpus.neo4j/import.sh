#!/bin/sh
# Load this dossier export into an empty Neo4j database (docs/formats/neo4j.md).
cd "$(dirname "$0")" && exec neo4j-admin database import full --array-delimiter=U+001F --multiline-fields=true --nodes=entities.csv --nodes=events.csv --nodes=claims.csv --nodes=documents.csv --relationships=relations.csv --relationships=participants.csv --relationships=event_places.csv --relationships=claim_sources.csv --relationships=event_supports.csv --relationships=claim_supports.csv --relationships=mentions.csv "$@" neo4j
