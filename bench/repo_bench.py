"""Benchmark `translate repo`: cross-file batching vs file by file, and the warm (cached) re-run.

Generates a repository of ~200 small Python files from top-level functions of the standard library
(into a temporary directory; nothing is copied into this repo), then, with one loaded model:

1. cold: ``translate repo`` (the runner, fresh cache): units of many files share model batches;
2. file by file: the same files through ``translate_source`` one file per call, as ``translate file``
   does, same settings, no cache;
3. warm: ``translate repo`` again on the unchanged tree (everything from the cache).

Prints units/s of 1 and 2, the wall time of 3 and the ratios. Default model: the tiny random-weight
CodeGen from ``tests/tiny_model.py`` (built locally, nothing downloaded)::

    python bench/repo_bench.py [--files 200] [--max-new-tokens 48] [--batch-size 16] [--model DIR]
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from translate.source.languages import get_language  # noqa: E402
from translate.source.units import parse_text  # noqa: E402

_SKIP_DIRS = {"test", "tests", "idlelib", "site-packages", "lib2to3", "tkinter", "turtledemo", "ensurepip"}


def stdlib_functions(limit: int, min_chars: int = 80, max_chars: int = 500) -> list[tuple[str, str]]:
    """(module, function text) pairs: small top-level functions of the standard library, sorted."""
    py = get_language("python")
    lib = Path(sysconfig.get_paths()["stdlib"])
    out: list[tuple[str, str]] = []
    for path in sorted(lib.rglob("*.py")):
        if _SKIP_DIRS & set(path.relative_to(lib).parts):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for unit in parse_text(text, py).top_units:
            if unit.kind == "function" and min_chars <= len(unit.text) <= max_chars and "\t" not in unit.text:
                out.append((str(path.relative_to(lib).with_suffix("")).replace(os.sep, "."), unit.text))
        if len(out) >= limit:
            break
    return out[:limit]


def make_repo(dest: Path, files: int) -> tuple[int, int]:
    """Write ``files`` modules of 1-4 functions each under ``dest``; returns (files, functions)."""
    funcs = stdlib_functions(files * 4)
    i = n_files = 0
    while n_files < files and i < len(funcs):
        take = 1 + n_files % 4  # 1, 2, 3, 4, 1, 2, ...
        chunk = funcs[i : i + take]
        i += take
        pkg = dest / f"pkg{n_files // 25:02d}"
        pkg.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(text.rstrip() + "\n" for _, text in chunk)
        (pkg / f"mod{n_files:03d}.py").write_text(f"# generated from {chunk[0][0]}\n\n\n{body}", encoding="utf-8")
        n_files += 1
    return n_files, i


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-turns", type=int, default=1)
    ap.add_argument("--model", help="model directory (default: build the tiny CodeGen)")
    args = ap.parse_args(argv)

    from translate.engines.loader import load_backend
    from translate.repo.runner import CountingBackend, RepoOptions, migrate
    from translate.translation.pipeline import TranslateOptions, translate_source

    load0 = tuple(round(x, 1) for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="repo-bench-") as tmp:
        tmp_p = Path(tmp)
        model = args.model
        if model is None:
            from tiny_model import build_tiny_codegen

            model = str(build_tiny_codegen(tmp_p / "tiny-codegen"))
        src = tmp_p / "src"
        n_files, n_funcs = make_repo(src, args.files)
        backend = load_backend(model, batch_size=args.batch_size)
        extra = {"max_new_tokens": args.max_new_tokens}
        opts = dict(src=src, target="javascript", max_turns=args.max_turns, batch_size=args.batch_size, quiet=True,
                    use_git=False, extra=extra)
        topts = TranslateOptions(max_turns=args.max_turns, batch_size=args.batch_size, **extra)
        translate_source("def warm(x):\n    return x\n", "python", "javascript", backend, topts)  # torch warm-up

        t0, c0 = time.perf_counter(), time.process_time()
        cold = migrate(RepoOptions(dst=tmp_p / "out", **opts), backend=backend)
        cold_s, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
        work = len(cold.model_work())

        counted = CountingBackend(backend)
        same = 0
        t0, c0 = time.perf_counter(), time.process_time()
        for f in cold.files:
            text = (src / f.path).read_text(encoding="utf-8")
            res = translate_source(text, "python", "javascript", counted, topts, path=f.path)
            same += res.text == (tmp_p / "out" / f.output).read_text(encoding="utf-8")
        single_s, single_cpu = time.perf_counter() - t0, time.process_time() - c0

        t0, c0 = time.perf_counter(), time.process_time()
        warm = migrate(RepoOptions(dst=tmp_p / "out", **opts), backend=backend)
        warm_s, warm_cpu = time.perf_counter() - t0, time.process_time() - c0

    t = cold.totals()
    wt = warm.totals()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"torch threads {__import__('torch').get_num_threads()}; load average at start {load0}, at end "
          f"{tuple(round(x, 1) for x in os.getloadavg())}")
    print(f"model: {args.model or 'tiny random-weight CodeGen (tests/tiny_model.py)'}; max_new_tokens={args.max_new_tokens}, max_turns={args.max_turns}, "
          f"batch_size={args.batch_size}")
    print(f"repo: {n_files} files, {n_funcs} functions -> {t['units']} units + {t['glue_segments']} top-level "
          f"segments = {work} model work items")
    print("run                   wall s   cpu s  units/s (wall)  units/s (cpu)  generate calls  tokens")
    print(f"cold translate repo  {cold_s:7.1f} {cold_cpu:7.1f}  {work / cold_s:14.2f} {work / cold_cpu:14.2f}  "
          f"{cold.model_calls:14d}  {cold.generated_tokens}")
    print(f"file by file         {single_s:7.1f} {single_cpu:7.1f}  {work / single_s:14.2f} {work / single_cpu:14.2f}  "
          f"{counted.calls:14d}  {counted.new_tokens}   ({same}/{len(cold.files)} files identical to the batched run)")
    print(f"warm re-run          {warm_s:7.1f} {warm_cpu:7.1f}  {'':14} {'':14}  {warm.model_calls:14d}  "
          f"{warm.generated_tokens}   (cache hit rate {wt['cache_hit_rate']})")
    print(f"ratios: batched vs file by file units/s = {single_s / cold_s:.2f}x wall, {single_cpu / cold_cpu:.2f}x cpu; "
          f"cold / warm = {cold_s / warm_s:.0f}x wall, {cold_cpu / warm_cpu:.0f}x cpu")


if __name__ == "__main__":
    main()
