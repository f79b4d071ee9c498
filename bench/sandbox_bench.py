"""Per-run overhead of bubblewrap in the sandbox: hello-world programs with and without it.

    python bench/sandbox_bench.py [--runs 20] [--langs python,javascript,java,cpp]
    python bench/sandbox_bench.py --pch [--runs 10]
    python bench/sandbox_bench.py --javac [--runs 10]

``--pch``: a C++ behaviour check (``translate.oracle.check_candidate``: driver, compile, run) with the drivers'
precompiled header (translate.sandbox.pch) and without it (``TRANSLATE_PCH=off``), alternating; the header's
one-time build is timed apart.

``--javac``: a Java behaviour check of a candidate and a recording of a Java source (both compile with javac) with
this process's warm javac (translate.sandbox.javac_warm) and with a cold javac each time (``TRANSLATE_JAVAC=cold``),
alternating; the warm server's start is timed apart.

Each language's hello-world goes through ``translate.sandbox.run_program`` ``--runs`` times with
``mode="auto"`` (bwrap, when it is usable here) and ``mode="off"`` (today's limits only: rlimits,
pids cgroup, ``unshare --net --pid``), the two ways alternating run by run so that other load on the
machine hits both alike. Reported per language and way: the median and the min of the wall seconds
of the whole ``run_program`` call (scratch directory, compile, run, clean-up: what a caller waits for)
and the median ratio auto/off. No pass/fail; a run that does not pass is reported and stops the bench.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

from translate.sandbox import isolation, missing_tool, run_program

HELLO = {
    "python": 'print("hello")',
    "javascript": 'console.log("hello")',
    "java": 'public class Main { public static void main(String[] a) { System.out.println("hello"); } }',
    "cpp": '#include <cstdio>\nint main() { std::puts("hello"); }',
}


def cpu_flags() -> str:
    try:
        text = open("/proc/cpuinfo").read()
    except OSError:
        return "?"
    model = next((ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("model name")), "?")
    flags = next((ln.split(":", 1)[1].split() for ln in text.splitlines() if ln.startswith("flags")), [])
    have = [f for f in ("avx2", "avx512f", "amx_tile") if f in flags]
    return f"{model}; {', '.join(have) or 'no avx2'}"


def timed(code: str, lang: str, mode: str) -> float:
    t0 = time.perf_counter()
    res = run_program(code, lang, mode=mode)
    dt = time.perf_counter() - t0
    if not res.passed or res.stdout.strip() != "hello":
        sys.exit(f"sandbox_bench: {lang} ({mode}) did not pass: {res}")
    return dt


PCH_SOURCE = '''def below_zero(operations: list[int]) -> bool:
    """>>> below_zero([1, 2, -4, 5])
    True
    """
    balance = 0
    for op in operations:
        balance += op
        if balance < 0:
            return True
    return False
'''
PCH_CANDIDATE = """#include <vector>
using namespace std;
bool below_zero(vector<int> operations) {
    int balance = 0;
    for (int op : operations) { balance += op; if (balance < 0) return true; }
    return false;
}
"""


def pch_bench(runs: int) -> None:
    import tempfile

    from translate.oracle import check_candidate, record_source

    rec = record_source(PCH_SOURCE, "python", "below_zero")
    os.environ["TRANSLATE_PCH"] = tempfile.mkdtemp(prefix="pch-bench-")
    t0 = time.perf_counter()
    first = check_candidate(rec, PCH_CANDIDATE, "cpp")
    print(f"first check, building the header: {time.perf_counter() - t0:.2f} s ({first.line()})")
    where = os.environ["TRANSLATE_PCH"]
    times: dict[str, list[float]] = {"pch": [], "off": []}
    for _ in range(runs):
        for way in ("off", "pch"):
            os.environ["TRANSLATE_PCH"] = "off" if way == "off" else where
            t0 = time.perf_counter()
            verdict = check_candidate(rec, PCH_CANDIDATE, "cpp")
            times[way].append(time.perf_counter() - t0)
            if verdict.status != "verified":
                sys.exit(f"sandbox_bench: the check did not verify ({way}): {verdict.line()}")
    med = {w: statistics.median(v) for w, v in times.items()}
    for way in ("off", "pch"):
        print(f"C++ check    {way:<5} median {med[way]:.3f} s, min {min(times[way]):.3f} s")
    print(f"without / with the precompiled header: {med['off'] / med['pch']:.2f}x")


JAVA_CANDIDATE = """public static boolean below_zero(List<Integer> operations) {
    int balance = 0;
    for (int op : operations) { balance += op; if (balance < 0) return true; }
    return false;
}
"""
JAVA_SOURCE = """import java.util.*;
class Solution {
    /** belowZero(Arrays.asList(1, 2, -4, 5)) == true */
    public boolean belowZero(List<Integer> operations) {
        int balance = 0;
        for (int op : operations) { balance += op; if (balance < 0) return true; }
        return false;
    }
}
"""


def javac_bench(runs: int) -> None:
    from translate.oracle import check_candidate, record_source
    from translate.sandbox import javac_warm

    rec = record_source(PCH_SOURCE, "python", "below_zero")
    t0 = time.perf_counter()
    first = check_candidate(rec, JAVA_CANDIDATE, "java")
    print(f"first check, starting the warm javac: {time.perf_counter() - t0:.2f} s ({first.line()})")
    times: dict[str, list[float]] = {f"{what} {way}": [] for what in ("check", "record") for way in ("cold", "warm")}
    for _ in range(runs):
        for way in ("cold", "warm"):
            os.environ["TRANSLATE_JAVAC"] = "cold" if way == "cold" else ""
            t0 = time.perf_counter()
            verdict = check_candidate(rec, JAVA_CANDIDATE, "java")
            times[f"check {way}"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            recorded = record_source(JAVA_SOURCE, "java", "belowZero")
            times[f"record {way}"].append(time.perf_counter() - t0)
            if verdict.status != "verified" or not recorded.usable:
                sys.exit(f"sandbox_bench: the Java check or recording failed ({way}): {verdict.line()}")
    med = {w: statistics.median(v) for w, v in times.items()}
    for key, values in times.items():
        print(f"Java {key:<13} median {med[key]:.3f} s, min {min(values):.3f} s")
    for what in ("check", "record"):
        print(f"{what}: cold / warm javac {med[what + ' cold'] / med[what + ' warm']:.2f}x")
    javac_warm.shutdown()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--langs", default="python,javascript,java,cpp")
    ap.add_argument("--pch", action="store_true", help="C++ checks with and without the precompiled header")
    ap.add_argument("--javac", action="store_true", help="Java checks with the warm javac and with a cold one")
    args = ap.parse_args()
    if args.pch or args.javac:
        print(f"{os.cpu_count()} CPUs: {cpu_flags()}; load average {os.getloadavg()[0]:.2f} at start")
        (pch_bench if args.pch else javac_bench)(args.runs)
        print(f"load average {os.getloadavg()[0]:.2f} at end")
        return
    iso = isolation("auto")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs: {cpu_flags()}")
    print(f"bwrap: {iso.bwrap or 'not used: ' + (iso.note or '')}; {args.runs} runs per way, alternating; "
          f"load average {os.getloadavg()[0]:.2f} at start")
    print(f"{'language':<11} {'way':<5} {'median s':>9} {'min s':>7}")
    for lang in args.langs.split(","):
        if missing_tool(lang):
            print(f"{lang:<11} skipped: {missing_tool(lang)}")
            continue
        timed(HELLO[lang], lang, "auto")  # warm the caches (page cache, bwrap probe) before timing
        times: dict[str, list[float]] = {"auto": [], "off": []}
        for _ in range(args.runs):
            for mode in ("auto", "off"):
                times[mode].append(timed(HELLO[lang], lang, mode))
        for mode in ("off", "auto"):
            label = "bwrap" if mode == "auto" and iso.bwrap else mode
            print(f"{lang:<11} {label:<5} {statistics.median(times[mode]):9.3f} {min(times[mode]):7.3f}")
        med = {m: statistics.median(v) for m, v in times.items()}
        print(f"{lang:<11} bwrap/off median ratio {med['auto'] / med['off']:.2f}x, "
              f"overhead {1000 * (med['auto'] - med['off']):+.0f} ms per run")
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
