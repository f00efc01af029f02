"""``dossier serve``: the analyst's workbench, a REST API and a web UI over the store (docs/web.md).

``dossier.serve.app.create_app(Settings(...))`` builds the ASGI app; the package import itself stays light.
"""
