"""Demo content for the SESLIP website, kept in the repository as data.

The facts come from the programme's own documents: the home page, weekly update no. 298 and the
Regional Improvement Plan 2024-25. The data modules hold them as plain Python structures and
``loader.load()`` creates whatever is missing (``manage.py load_demo_content`` calls it).
"""
