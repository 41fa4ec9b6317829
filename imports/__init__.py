"""Import of extract files from COSMIC, Diver, HR, SCB and Socialstyrelsen into the fact tables.

The pipeline is generic: the kinds are declared beside their facts
(``facts.kinds``) and found through ``registry``. The path of a file:
``parsing`` (bytes → header and rows) → ``registry`` (the kind's ``KindSpec``,
shaped by ``kinds``) → ``validation`` (typed values, rejected rows,
pseudonyms) → ``mapping`` (unit codes, activities, held rows) → ``loading``
(staging table, then the kind's SQL merge) → ``services.import_file``, which
sends ``signals.facts_imported`` on commit.
"""

from .cells import safe_cell

__all__ = ["safe_cell"]
