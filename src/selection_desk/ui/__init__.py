"""The Qt layer: thin models, views and workers over the core.  The only PySide6 importer."""
