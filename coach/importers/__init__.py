"""Run files in, ``Run``s out: GPX, TCX, FIT and a Strava export's activities.csv, one file, several, or folders
(searched recursively; ``.gz`` files are read too).

``import_paths(paths)`` never raises for a bad file: each file that can't be read, or holds no run, gives one
line in ``problems`` and is skipped; everything else is returned. Saving is the caller's (the store's) job.
"""

from coach.importers.files import ImportResult, import_paths, read_file

__all__ = ["ImportResult", "import_paths", "read_file"]
