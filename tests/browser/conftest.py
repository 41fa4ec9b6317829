# The browser fixtures are loaded for all tests by tests/conftest.py. Some test packages
# import them from here, which keeps working; tests/browser/fixtures.py makes sure that
# they still share one Chromium.
from tests.browser.fixtures import browser, login, page, problems  # noqa: F401
