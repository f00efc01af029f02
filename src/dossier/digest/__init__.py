"""What is new since a date: ``build`` gathers it from the store, ``render`` writes Markdown, HTML or JSON."""
