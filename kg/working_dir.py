"""Whether the current folder still exists: ``kg`` started in a deleted folder fails cleanly.

Relative paths (``out/``, the default output) cannot resolve there, and spaCy's
import calls ``Path.cwd()`` (through weasel) and would crash with a traceback.
"""

from __future__ import annotations

import os


def working_directory_problem() -> str | None:
    """One line saying what is wrong with the current folder, or None when it is usable."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return "the current folder no longer exists (was it deleted?); cd to a folder that exists"
    except OSError as error:
        return f"the current folder cannot be used ({error.strerror or error})"
    return None
