"""``dossier import``: merge a graph exported elsewhere (dossier JSON, FollowTheMoney) into the store, keeping
every fact tied to its report and evidence (docs/formats/import.md)."""
