"""Where each translated file goes: the output tree mirrors the input, names follow the target.

Defaults per target language: the target's main extension, the file-name case its ecosystem expects
(``PascalCase`` for Java and C#, ``snake_case`` for Go, Rust and Python, unchanged otherwise) and a
few stem renames (``__init__`` -> ``index`` for JavaScript/TypeScript, ``mod`` for Rust). All of it
can be changed in the ``[tool.translate.layout]`` table of the pyproject.toml nearest to SRC_DIR::

    [tool.translate.layout]
    case = "kebab"                       # keep | snake | camel | pascal | kebab (or a table per target)
    rename = { "__init__" = "index" }    # source file stems, applied before the case
    dirs = { "src/mypkg" = "lib" }       # directory prefixes, the longest match wins
    extension = { typescript = ".mts" }  # per target language
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from translate.config import find_pyproject, tool_table
from translate.errors import InputError
from translate.project.symbols import is_test_path
from translate.source.languages import Language, get_language
from translate.translation.naming import CASES, convert_case

_DEFAULT_CASE = {"java": "pascal", "csharp": "pascal", "go": "snake", "rust": "snake", "python": "snake"}
_DEFAULT_RENAME = {
    "javascript": {"__init__": "index", "__main__": "main"},
    "typescript": {"__init__": "index", "__main__": "main"},
    "rust": {"__init__": "mod", "__main__": "main"},
    "go": {"__init__": "package", "__main__": "main"},
    "java": {"__init__": "package_init", "__main__": "main"},
    "csharp": {"__init__": "package_init", "__main__": "program"},
}


# Source roots a target's layout does without, by target: a Maven/Gradle tree's ``src/main/java`` becomes the
# root of a Python project (its packages at the top, as pytest's ``pythonpath = ["."]`` imports them) and
# ``src/test/java`` its ``tests`` folder. A ``[tool.translate.layout] dirs`` entry for the same folder replaces one.
_DEFAULT_DIRS = {"python": (("src/main/java", "."), ("src/test/java", "tests"))}


# Targets laid out like Maven projects when the source is not (a Python project migrated to Java): a source file
# goes under ``src/main/java/``, a test file under ``src/test/java/``, each at its relative path. A layout with
# ``[tool.translate.layout] dirs`` of its own is left as configured.
MAVEN = {"java": ("src/main/java", "src/test/java")}


# A test file's stem gets this suffix in the target, so the target's runner finds it (``node --test`` runs
# ``*.test.js``); which files are tests: translate.project.symbols.TEST_FILES.
TEST_SUFFIX = {"javascript": ".test", "typescript": ".test"}


@dataclass
class Layout:
    target: Language
    extension: str
    case: str = "keep"
    rename: dict[str, str] = field(default_factory=dict)
    dirs: list[tuple[PurePosixPath, PurePosixPath]] = field(default_factory=list)  # longest first
    config_path: Path | None = None

    def map_dir(self, rel: PurePosixPath) -> PurePosixPath:
        for src, dst in self.dirs:
            if rel.parts[: len(src.parts)] == src.parts:
                return dst.joinpath(*rel.parts[len(src.parts):])
        return rel

    def output_for(self, rel: PurePosixPath) -> PurePosixPath:
        """The output path (relative to DST) of the translation of source file ``rel``.

        A ValueError when the name the layout makes is not one plain file name (``..``, ``/``, empty).
        """
        stem = self.rename.get(rel.stem, rel.stem)
        suffix = TEST_SUFFIX.get(self.target.name, "") if is_test_path(rel) else ""
        name = convert_case(stem, self.case) + suffix + self.extension
        if name in ("", ".", "..") or any(c in name for c in _BAD_CHARS):
            raise ValueError(f"the layout makes the file name {name!r}, which is not a plain file name")
        maven = MAVEN.get(self.target.name)
        if maven is not None and not self.dirs and rel.suffix == ".py":
            return PurePosixPath(maven[1] if is_test_path(rel) else maven[0]) / rel.parent / name
        return self.map_dir(rel.parent / name)

    def copy_for(self, rel: PurePosixPath) -> PurePosixPath:
        """The output path of a non-source file copied with --copy-other (only ``dirs`` applies)."""
        return self.map_dir(rel)


_BAD_CHARS = ("/", "\\", "\0")


def _plain(value, where: str, key) -> str:
    """A rename value or extension: one file-name piece that cannot leave the output directory."""
    if not isinstance(value, str):
        raise InputError(f"{where}: {key!r} must be a string, got {value!r}")
    if ".." in value or any(c in value for c in _BAD_CHARS):
        raise InputError(f"{where}: {key!r} = {value!r} would not stay one file name inside --out "
                         "(no '/', '\\', '..' or NUL)")
    return value


def _table(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"{where} must be a table")
    return value


def load_layout(src_root: Path, target: Language, pyproject: Path | None = None) -> Layout:
    """The layout for ``target``: defaults, overridden by the nearest ``[tool.translate.layout]``."""
    layout = Layout(target=target, extension=target.default_extension, case=_DEFAULT_CASE.get(target.name, "keep"),
                    rename=dict(_DEFAULT_RENAME.get(target.name, {})),
                    dirs=[(PurePosixPath(a), PurePosixPath(b)) for a, b in _DEFAULT_DIRS.get(target.name, ())])
    path = pyproject or find_pyproject(src_root.resolve())
    if path is None:
        return layout
    conf = tool_table(path, strict=True).get("layout")  # a project setting only: no flag, variable or user key
    if conf is None:
        return layout
    where = f"{path}: [tool.translate.layout]"
    conf = _table(conf, where)
    layout.config_path = path
    unknown = set(conf) - {"case", "rename", "dirs", "extension"}
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: case, rename, dirs, extension)")
    if "case" in conf:
        case = conf["case"]
        if isinstance(case, dict):
            case = {get_language(k).name: v for k, v in case.items()}.get(target.name, layout.case)
        if case not in CASES:
            raise InputError(f"{where}: case must be one of {', '.join(CASES)}, got {case!r}")
        layout.case = case
    if "rename" in conf:
        layout.rename.update({str(k): _plain(v, f"{where} rename", k)
                              for k, v in _table(conf["rename"], f"{where} rename").items()})
    if "extension" in conf:
        exts = {get_language(k).name: _plain(v, f"{where} extension", k)
                for k, v in _table(conf["extension"], f"{where} extension").items()}
        if target.name in exts:
            ext = exts[target.name]
            layout.extension = ext if ext.startswith(".") or not ext else "." + ext
    if "dirs" in conf:
        pairs = []
        for k, v in _table(conf["dirs"], f"{where} dirs").items():
            src, dst = PurePosixPath(str(k).strip("/")), PurePosixPath(str(v).strip("/") or ".")
            for p in (src, dst):
                if ".." in p.parts or p.is_absolute() or any(c in str(p) for c in ("\\", "\0")):
                    raise InputError(f"{where}: dirs entries must be relative paths without '..' ({k!r} = {v!r})")
            pairs.append((src, dst))
        layout.dirs = sorted(pairs + [d for d in layout.dirs if d[0] not in {src for src, _ in pairs}],
                             key=lambda p: -len(p[0].parts))
    return layout
