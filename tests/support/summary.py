"""Text a test wants in the pytest terminal summary (tests/conftest.py prints it).

``record_property(SUMMARY_PROPERTY, text)`` stores the text in the test's report. Under xdist
(``pytest -n 2`` in CI) output printed by a test in a worker never reaches the terminal, but the
reports, with their user properties, do.
"""

SUMMARY_PROPERTY = "ringkasan"
