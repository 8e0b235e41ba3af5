"""Sphinx settings of the user manual, shared by both languages.

Each language is its own source folder (``docs/fr``, ``docs/en``) built with this configuration:
``sphinx-build -c docs -D language=fr docs/fr OUT/fr`` — ``docs/build_manual.py`` does both.
The built-in ``alabaster`` theme needs no download: the manual builds and reads offline.
"""

project = "Selection Desk"
author = "Selection Desk"
copyright = "Selection Desk"
root_doc = "index"
exclude_patterns: list[str] = []
html_theme = "alabaster"
html_theme_options = {"page_width": "1100px", "sidebar_width": "240px", "show_powered_by": False}
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
