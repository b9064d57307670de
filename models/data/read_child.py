"""The child interpreter's entry point: ``python -m models.data.read_child`` reads one job.

A module of its own so that running it does not import :mod:`models.data.isolation` twice
(once as ``__main__``, once through the package), which would give two copies of its classes.
"""

from models.data.isolation import serve_one_job

if __name__ == "__main__":
    serve_one_job()
