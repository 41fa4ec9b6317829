"""Reading the imported facts: the only way other apps reach them.

``rows`` gives each fact table as a queryset (filter, aggregate, or take
``.model`` for the table name in a dashboard's one-statement SQL); the shared
questions every app asks of the facts (which weeks a source has delivered,
weekly inflow and outflow, which outcome source counts) each have one function
in the modules beside it. Other apps import these modules, never
``facts.models``.
"""
