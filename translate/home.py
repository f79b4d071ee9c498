"""The user's translate home: installed model packs, remembered model hashes, the unit cache of
``translate file``. ``TRANSLATE_HOME``, else ``$XDG_CACHE_HOME/translate``, else ``~/.cache/translate``."""
from __future__ import annotations

import os
from pathlib import Path


def home_dir() -> Path:
    from translate.config import env

    home = env("TRANSLATE_HOME")
    if home:
        return Path(home).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(cache).expanduser() / "translate"
