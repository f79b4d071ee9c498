"""Wall time of the pre-commit hook on one stubbed file: in-process model vs a warm ``translate serve``.

    python bench/hook_bench.py [--model M | --tiny] [--file samples/stubs/...] [--repeat 3] [--max-turns 3]

The hook's entry is ``translate complete FILE``; pre-commit starts it as a fresh process on every
commit. Both ways are timed in the same run, on the same file, taking turns each round:

* ``in-process``  ``translate complete --model M FILE``: the process loads the model, completes, exits;
* ``server``      ``translate complete --server URL FILE`` against a ``translate serve --model M`` started
                  once before the rounds (its start-up, model load included, is reported separately).

The file is restored to its stubbed text before every run. Reported per way: wall seconds of each run,
median wall and CPU seconds (the hook process, plus the server process's CPU during the run for the
server way: CPU time is less disturbed by other load on a shared machine), the exit codes (1: completed,
2: a stub could not be completed); the server's start-up time and the requests it answered. No pass/fail.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATE = str(Path(sys.executable).parent / "translate")


def start_server(model_args: list[str]) -> tuple[subprocess.Popen, str, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([TRANSLATE, "serve", "--port", "0", *model_args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    url: list[str] = []
    ready = threading.Event()

    def drain():
        for line in proc.stderr:
            if " on http://" in line and not url:
                url.append(line.split(" on ", 1)[1].split()[0])
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    if not ready.wait(900):
        proc.kill()
        raise SystemExit("the server did not start within 900 s")
    return proc, url[0], time.perf_counter() - t0


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_hook(args: list[str], target: Path, stub_text: str, server_pid: int | None) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of the hook process plus the server's, exit code, the file afterwards)."""
    target.write_text(stub_text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TRANSLATE_SERVER"}
    cpu0 = children_cpu() + (proc_cpu(server_pid) if server_pid else 0.0)
    t0 = time.perf_counter()
    p = subprocess.run([TRANSLATE, "complete", *args, str(target)], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    cpu = children_cpu() + (proc_cpu(server_pid) if server_pid else 0.0) - cpu0
    return wall, cpu, p.returncode, target.read_text(encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="model for both ways (default: the embedded SmolLM2)")
    ap.add_argument("--tiny", action="store_true", help="use the tiny random CodeGen test model (built locally)")
    ap.add_argument("--file", default=str(ROOT / "samples" / "stubs" / "geometry.py"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-turns", type=int, default=3)
    ap.add_argument("--show", action="store_true", help="print the file as the last run of each way left it")
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="hook-bench-"))
    model = a.model
    if a.tiny:
        sys.path.insert(0, str(ROOT / "tests"))
        from tiny_model import build_tiny_codegen

        model = str(build_tiny_codegen(tmp / "tiny-codegen"))
    src = Path(a.file)
    stub_text = src.read_text(encoding="utf-8")
    target = tmp / src.name
    common = ["--max-turns", str(a.max_turns)]

    model_args = ["--model", model] if model else []  # none: TRANSLATE_MODEL / pyproject / embedded SmolLM2
    proc, url, startup = start_server(model_args)
    times: dict[str, list[float]] = {"in-process": [], "server": []}
    cpus: dict[str, list[float]] = {"in-process": [], "server": []}
    codes: dict[str, set[int]] = {"in-process": set(), "server": set()}
    last: dict[str, str] = {}
    try:
        for _ in range(a.repeat):
            for way, extra in (("in-process", model_args), ("server", ["--server", url])):
                seconds, cpu, code, last[way] = run_hook([*common, *extra], target, stub_text,
                                                         proc.pid if way == "server" else None)
                times[way].append(seconds)
                cpus[way].append(cpu)
                codes[way].add(code)
        import httpx

        health = httpx.get(url + "/health", timeout=30).json()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)

    from translate.source.files import load
    from translate.source.stubs import find_stubs

    n_stubs = len(find_stubs(load(src)))
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"model {health.get('model')}; file {src.name} ({n_stubs} stubs); --max-turns {a.max_turns}; {a.repeat} rounds")
    print(f"server start-up (process + model load until listening): {startup:.1f} s; "
          f"it answered {health.get('served', '?')} requests")
    print(f"{'way':<11} {'wall s':>7} {'cpu s':>7}  {'wall s of each run':<24} exit codes")
    for way in times:
        runs = " ".join(f"{t:.1f}" for t in times[way])
        print(f"{way:<11} {statistics.median(times[way]):>7.1f} {statistics.median(cpus[way]):>7.1f}  {runs:<24} "
              f"{sorted(codes[way])}")
    wall = statistics.median(times["in-process"]) / max(1e-9, statistics.median(times["server"]))
    cpu = statistics.median(cpus["in-process"]) / max(1e-9, statistics.median(cpus["server"]))
    print("medians; cpu s = the hook process plus, for the server way, the server's own CPU time during the run")
    print(f"in-process / server: {wall:.2f}x wall, {cpu:.2f}x cpu")
    if a.show:
        for way, text in last.items():
            print(f"--- {src.name} after the last {way} run ---\n{text}", end="")


if __name__ == "__main__":
    main()
