"""The kinds' tests import small files through the pipeline, with the import tests' organisation."""

from tests.imports.conftest import units, write  # noqa: F401  (fixtures)
