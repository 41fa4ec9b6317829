"""Import of extract files from COSMIC, Diver, HR, SCB and Socialstyrelsen into the fact tables.

The path of a file: ``parsing`` (bytes → header and rows) → ``kinds`` (what
each kind's columns are) → ``validation`` (typed values, rejected rows,
pseudonyms) → ``mapping`` (unit codes, activities, held rows) →
``loading`` (staging table and SQL merge) → ``services.import_file``.
"""

from .cells import safe_cell

__all__ = ["safe_cell"]
