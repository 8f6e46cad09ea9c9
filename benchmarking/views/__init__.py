"""What the benchmarking pages show: built here in Python, rendered by the page's routes
(``models/pages.py``), a module for each: the index, a measure, an authority, the grid and
comparisons; ``base`` and ``charting`` hold what several of them use.

Every table is a ``presentation.Table``, so a page and its CSV download show the same rows.
Responses that include a release that is not public yet are private to the visitor.
"""
