"""The facts owner: the imported facts, the extract kinds that load them, and the shared questions.

``facts.models`` holds the facts (read by nobody outside this app);
``facts.kinds`` declares each extract kind beside them; ``facts.selectors``
answers what every app asks of them: which weeks a source has delivered
(``coverage``), weekly inflow and outflow (``flow``), which outcome source
counts (``outcome``), and each fact table as a queryset (``rows``).
"""
