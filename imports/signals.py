"""``facts_imported``: sent once an import's transaction has committed new facts.

Arguments: ``kind`` (the extract kind's name), ``source`` and ``run_id`` (the
``ImportRun``). The pipeline sends it for every kind without knowing which
apps care; an app whose derived tables follow some kind's facts connects a
receiver in its ``AppConfig.ready`` (the waiting-list summary follows
``vantande``). Receivers run after commit, so they see the new facts and may
queue tasks by id.
"""

from django.dispatch import Signal

facts_imported = Signal()
