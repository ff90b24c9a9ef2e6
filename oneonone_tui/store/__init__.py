"""Storage: Peewee models, opening and upgrading the database, and the query layer.

Nothing in here imports Textual; the UI calls :mod:`oneonone_tui.store.queries`.
"""
