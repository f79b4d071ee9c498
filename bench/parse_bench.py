"""Unit extraction speed over this interpreter's standard library, beside Python's own ``ast.parse``.

    python bench/parse_bench.py [--repeat 3] [--limit N]

Reads every ``.py`` file of the standard library once (files ``ast.parse`` rejects or that are not
UTF-8 are skipped), then times, over the same texts in the same run:

* ``parse_text``   tree-sitter parse + units.scm query + segments (what ``translate units`` does),
* ``tree-sitter``  the bare tree-sitter parse, for reference,
* ``ast.parse``    CPython's parser building an AST.

Reported: files, MB, units, wall and CPU seconds (best of --repeat rounds in which the three take\nturns), MB/s and units/s per CPU second, and the ratio to ast.parse.
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

from translate.source.languages import get_language
from translate.source.units import parse_text


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


def timed(methods: dict, repeat: int) -> dict[str, tuple[float, float, object]]:
    """Best wall and CPU seconds per method; the methods take turns in every round, so a change in
    machine load hits them alike."""
    best = {name: [float("inf"), float("inf"), None] for name in methods}
    for _ in range(repeat):
        for name, fn in methods.items():
            wall, cpu = time.perf_counter(), time.process_time()
            result = fn()
            cpu = time.process_time() - cpu
            wall = time.perf_counter() - wall
            entry = best[name]
            entry[0], entry[1], entry[2] = min(entry[0], wall), min(entry[1], cpu), result
    return {name: tuple(v) for name, v in best.items()}


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
    _ = py.query  # compile the query outside the timing

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

    res = timed({"parse_text": extract, "tree-sitter": bare, "ast.parse": cpython}, args.repeat)
    n_units = res["parse_text"][2]
    ast_wall, ast_cpu = res["ast.parse"][:2]

    print(f"python {platform.python_version()} on {platform.machine()}, stdlib {sysconfig.get_paths()['stdlib']}")
    print(f"{len(texts)} files, {mb:.2f} MB, {n_units} units (functions, methods, classes); best of {args.repeat}")
    print(f"{'method':<12} {'wall s':>7} {'cpu s':>7} {'MB/s':>7} {'units/s':>8} {'ast.parse time / this':>22}")
    for name, (wall, cpu, _) in res.items():
        print(f"{name:<12} {wall:>7.2f} {cpu:>7.2f} {mb / cpu:>7.2f} {n_units / cpu:>8.0f} {ast_cpu / cpu:>21.2f}x")
    print("MB/s and units/s are per CPU second (the process's own time, less disturbed by other load)")
    print(f"parse_text (units) takes {res['parse_text'][1] / ast_cpu:.2f}x the CPU time of ast.parse "
          f"({res['parse_text'][0] / ast_wall:.2f}x wall) over the same files")


if __name__ == "__main__":
    main()
