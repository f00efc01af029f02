"""Names vulture cannot see used (tests/test_architecture.py::test_no_dead_code reads this file as code).

Only what a framework or a library uses by name belongs here; callbacks registered by decorators are covered by
``[tool.vulture] ignore_decorators`` in pyproject.toml. Anything else vulture reports is dead: delete it.
"""
# ruff: noqa
from dossier.model import vocab

# enum members read by iterating the enum (click choices, FACT_KINDS, VERDICTS)
vocab.FactKind.RELATION, vocab.FactKind.EVENT, vocab.FactKind.CLAIM
vocab.Verdict.CONFIRMED, vocab.Verdict.REJECTED

_ = object()
_.exc_type  # context managers' __exit__ signature
_.handle_starttag, _.handle_endtag  # html.parser.HTMLParser callbacks (ingest/html.py)
_.immutable, _.row_factory  # sqlite3 connection settings (store/sqlite.py)
_.should_exit  # uvicorn.Server's stop flag (serve/harness.py)
_.help  # a click command's help text, set after the decorator (cli/screen_cmd.py)
_.dossier_type_evidence  # a spaCy Doc extension attribute, written for later components (extract/components/)
_.trigger_end  # a column of the stored event read model (model/analysis.py StoredEvent), kept beside trigger_start
_.enable_progress_bars, _.print_on_execution_start  # Ray Data's DataContext settings (batch/ray_job.py)
_.__reduce__  # pickle's hook, set on each record class (model/records.py _pickled_by_fields)
