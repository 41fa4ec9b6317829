"""An independent oracle for the figures the API reports.

It recomputes them from the raw extract files with plain pandas, following the
extract format and the domain's definitions, and compares them with what the
API answers. It reads reference data (unit codes, activity mapping, approved
plan cells) from the database by plain SQL, but never uses the project's
import code, selectors or serializers for the figures it checks: a defect in
those must show up as a difference here, not be repeated.

``extracts`` reads the files, ``reference`` the database's reference data,
``expected`` recomputes the figures, ``reported`` asks the API, ``compare``
lines the two up. ``theatre``, ``inpatient``, ``economics`` and ``purchasing``
each read, recompute and compare one later capability's figures on their own.
"""
