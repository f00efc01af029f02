"""Ingest: files, folders, stdin, URLs and feeds in; clean, identified ``Document`` records (or rejections) out.

The stage in one line per module:

* ``sources.iter_inputs`` — names to ``InputRef``\\ s, by ``stat`` only (no reading, never blocks);
* ``pool.ParsePool`` / ``pool.parse_inline`` — run ``parse.parse_many`` per input, killable, in order;
* ``parse`` — read → ``pdf`` or ``warc`` (one document per archived page) or ``sniff`` (binary, compressed)
  → ``decode`` → ``html`` or plain text → ``clean`` → ``plaintext``/``dateline`` metadata → ``Document``;
* ``fetch`` (SSRF-guarded HTTP), ``feeds`` (RSS/Atom), ``remote.RemoteInputs`` — URLs and feeds as inputs,
  with conditional GET cached in the store (docs/sources.md);
* ``limits.Limits`` — every cap, documented with measurements in docs/limits.md.

Nothing here is imported eagerly: import the module you need.
"""
