"""Unit extraction speed over this interpreter's standard library, beside Python's own ``ast.parse``.

    python bench/parse_bench.py [--repeat 3] [--limit N]

Reads every ``.py`` file of the standard library once (files ``ast.parse`` rejects or that are not
UTF-8 are skipped), then times, over the same texts in the same run:

* ``parse_text``   tree-sitter parse + units.scm query + segments (what ``translate units`` does),
* ``tree-sitter``  the bare tree-sitter parse, for reference,
* ``ast.parse``    CPython's parser building an AST.

Reported: files, MB, units, seconds (best of --repeat), MB/s, units/s, and the ratio to ast.parse.
A ratio, not a pass/fail.
"""
from __future__ import annotations

import argparse
import ast
import platform
import sysconfig
import time
import warnings
from pathlib import Path

from translate.languages import get_language
from translate.units import parse_text


def load_stdlib(limit: int | None) -> list[str]:
    root = Path(sysconfig.get_paths()["stdlib"])
    texts = []
    for path in sorted(root.rglob("*.py")):
        if "site-packages" in path.relative_to(root).parts:
            continue
        try:
            text = path.read_bytes().decode("utf-8")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(text)
        except (UnicodeDecodeError, SyntaxError, ValueError):
            continue
        texts.append(text)
        if limit and len(texts) >= limit:
            break
    return texts


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per method; the best is reported")
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = ap.parse_args()

    py = get_language("python")
    texts = load_stdlib(args.limit)
    datas = [t.encode("utf-8") for t in texts]
    mb = sum(len(d) for d in datas) / 1e6
    parser = py.parser()
    py.query  # compile the query outside the timing

    def extract():
        return sum(len(parse_text(t, py).units) for t in texts)

    def bare():
        for d in datas:
            parser.parse(d)

    def cpython():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for t in texts:
                ast.parse(t)

    t_units, n_units = best_of(args.repeat, extract)
    t_ts, _ = best_of(args.repeat, bare)
    t_ast, _ = best_of(args.repeat, cpython)

    print(f"python {platform.python_version()} on {platform.machine()}, stdlib {sysconfig.get_paths()['stdlib']}")
    print(f"{len(texts)} files, {mb:.2f} MB, {n_units} units (functions, methods, classes); best of {args.repeat}")
    print(f"{'method':<14} {'seconds':>8} {'MB/s':>8} {'units/s':>10} {'vs ast.parse':>13}")
    for name, secs in (("parse_text", t_units), ("tree-sitter", t_ts), ("ast.parse", t_ast)):
        print(f"{name:<14} {secs:>8.2f} {mb / secs:>8.2f} {n_units / secs:>10.0f} {t_ast / secs:>12.2f}x")
    print(f"parse_text takes {t_units / t_ast:.2f}x the time of ast.parse over the same files")


if __name__ == "__main__":
    main()
