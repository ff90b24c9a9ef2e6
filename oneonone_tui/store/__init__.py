"""Storage: Peewee models, opening and upgrading the database, and the queries.

Nothing in here imports Textual. The layers above call one module per topic: ``reps``,
``meetings``, ``commitments``, ``history``, ``follow_through``, ``time_discipline``,
``numbers`` and ``plans``; they catch :mod:`oneonone_tui.store.errors`.
"""
