"""Ingest: files, folders and stdin in; clean, identified ``Document`` records (or rejections) out.

The stage in one line per module:

* ``sources.iter_inputs`` — names to ``InputRef``\\ s, by ``stat`` only (no reading, never blocks);
* ``pool.ParsePool`` / ``pool.parse_inline`` — run ``parse.parse_input`` per input, killable, in order;
* ``parse`` — read → ``sniff`` (binary, compressed) → ``decode`` → ``html`` or plain text → ``clean`` →
  ``plaintext``/``dateline`` metadata → ``Document``;
* ``limits.Limits`` — every cap, documented with measurements in docs/limits.md.

Nothing here is imported eagerly: import the module you need.
"""
