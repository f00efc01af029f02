"""dossier: news reports in, a sourced, cross-checked knowledge graph out."""
__version__ = "0.1.0"
