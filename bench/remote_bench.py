"""Benchmark the OpenAI-compatible backend (``--model openai:``): one driver, remote engines.

``serve``    ``translate repo`` over the generated 200-file repository of bench/repo_bench.py against a
             ``translate serve`` subprocess (tiny random CodeGen, loopback) at several ``--concurrency``
             values: units/s, and where the time goes (driver CPU, server CPU, server batches).
``ceiling``  the driver alone: an instant scripted server (a bare ASGI app in a subprocess that answers
             every request at once with a valid unit) and a tree of N units; units/s, driver CPU per unit
             split by thread and, from a profile of the main thread, by stage; peak memory (max RSS).
``slots``    ``translate serve`` on llama.cpp (the embedded SmolLM2): concurrent clients, one model worker
             vs a thread per request (the engine's slots batch continuously).

    python bench/remote_bench.py serve [--files 200] [--concurrency 1,8,32] [--max-new-tokens 48]
    python bench/remote_bench.py ceiling [--units 10000] [--concurrency 64] [--no-tokenize]
    python bench/remote_bench.py slots [--clients 4] [--requests 4] [--max-tokens 32]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
TRANSLATE = str(Path(sys.executable).parent / "translate")


def machine() -> str:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="ascii", errors="replace"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = tuple(round(x, 1) for x in os.getloadavg())
    return (f"{platform.machine()}, {len(os.sched_getaffinity(0))} CPUs ({cpu}), Python {platform.python_version()}; "
            f"load average {load}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def proc_cpu(pid: int | str, tid: int | None = None) -> float:
    """CPU seconds (user + system) of a process, or of one of its threads."""
    path = f"/proc/{pid}/task/{tid}/stat" if tid else f"/proc/{pid}/stat"
    fields = open(path).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start(cmd: list[str], needle: str = " on http://") -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    found = threading.Event()

    def drain():
        for line in proc.stderr:
            lines.append(line)
            if needle in line:
                found.set()

    threading.Thread(target=drain, daemon=True).start()
    if not found.wait(300):
        proc.kill()
        raise SystemExit("server did not start: " + "".join(lines)[-2000:])
    line = next(ln for ln in lines if needle in ln)
    return proc, line.split(" on ", 1)[1].split()[0]


def remote(url: str, concurrency: int):
    from translate.engines.loader import BackendConfig, open_backend

    return open_backend(BackendConfig(model="openai:", base_urls=(url,), concurrency=concurrency))


# --- serve: translate repo against translate serve ------------------------------------------------------
def bench_serve(args) -> None:
    import httpx
    from repo_bench import make_repo
    from tiny_model import build_tiny_codegen

    from translate.repo.runner import RepoOptions, migrate

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="remote-bench-") as tmp:
        tmp_p = Path(tmp)
        model = args.model or str(build_tiny_codegen(tmp_p / "tiny-codegen"))
        n_files, n_funcs = make_repo(tmp_p / "src", args.files)
        server, url = start(["nice", "-n", "5", TRANSLATE, "serve", "--port", "0", "--model", model,
                             "--batch-size", str(args.server_batch)])
        try:
            print(f"model: {args.model or 'tiny random CodeGen'} on `translate serve --batch-size {args.server_batch}` "
                  f"(pid {server.pid}); repo: {n_files} files, {n_funcs} functions; max_new_tokens="
                  f"{args.max_new_tokens}, max_turns=1")
            print("concurrency  wall s  units/s  driver cpu s  server cpu s  requests  server batches  mean batch"
                  "  tokens generated / kept")
            outputs = {}
            for c in args.concurrency:
                backend = remote(url, c)
                h0 = httpx.get(url + "/health").json()
                s0, d0, t0 = proc_cpu(server.pid), time.process_time(), time.perf_counter()
                report = migrate(RepoOptions(src=tmp_p / "src", dst=tmp_p / f"out{c}", target="javascript",
                                             max_turns=1, batch_size=16, quiet=True, use_git=False,
                                             extra={"max_new_tokens": args.max_new_tokens}), backend=backend)
                wall, dcpu, scpu = time.perf_counter() - t0, time.process_time() - d0, proc_cpu(server.pid) - s0
                h1 = httpx.get(url + "/health").json()
                batches, served = h1["batches"] - h0["batches"], h1["served"] - h0["served"]
                work = len(report.model_work())
                outputs[c] = {p.name: p.read_text() for p in (tmp_p / f"out{c}").rglob("*.js")}
                print(f"{c:11d} {wall:7.1f} {work / wall:8.2f} {dcpu:13.1f} {scpu:13.1f} {backend.requests:9d} "
                      f"{batches:15d} {backend.requests / max(1, batches):11.1f}  {backend.server_tokens} / "
                      f"{backend.kept_tokens}   ({served} server requests with /tokenize)")
                backend.close()
            if args.in_process:
                from translate.engines.loader import load_backend

                local = load_backend(model, batch_size=args.server_batch)
                t0, c0 = time.perf_counter(), time.process_time()
                report = migrate(RepoOptions(src=tmp_p / "src", dst=tmp_p / "local", target="javascript",
                                             max_turns=1, batch_size=args.server_batch, quiet=True, use_git=False,
                                             extra={"max_new_tokens": args.max_new_tokens}), backend=local)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                work = len(report.model_work())
                outputs["in-process"] = {p.name: p.read_text() for p in (tmp_p / "local").rglob("*.js")}
                print(f"{'in-process':>11} {wall:7.1f} {work / wall:8.2f} {cpu:13.1f} {'':>13} {'':>9} "
                      f"{report.model_calls:15d}  (batch size {args.server_batch}, one process)")
            same = all(o == outputs[args.concurrency[0]] for o in outputs.values())
            print(f"outputs identical across concurrency levels: {same}; load average at end "
                  f"{tuple(round(x, 1) for x in os.getloadavg())}")
        finally:
            server.terminate()
            server.wait(30)


# --- ceiling: the driver against an instant server ----------------------------------------------------
_DEF = re.compile(r"def (\w+)\(([^)]*)\)")


def _js_args(args: str) -> str:
    names = []
    for a in args.split(","):
        m = re.match(r"\s*\**\s*(\w+)", a)
        if m and m.group(1) not in ("self", "cls"):
            names.append(m.group(1))
    return ", ".join(names)


def instant_app(tokenize: bool):
    """A bare ASGI OpenAI server that answers every request at once with a valid JavaScript unit."""

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        path, status = scope["path"], 200
        if path == "/v1/models":
            out = {"object": "list", "data": [{"id": "instant", "object": "model"}]}
        elif path == "/tokenize" and tokenize:
            req = json.loads(body)
            out = {"count": len(req.get("prompt") or "") // 4 + 1}
        elif path in ("/v1/chat/completions", "/v1/completions"):
            req = json.loads(body)
            text = req.get("prompt") or "\n".join(m["content"] for m in req["messages"])
            found = _DEF.findall(text)
            name, args = found[-1] if found else ("f", "")
            answer = f"function {name}({_js_args(args)}) {{\n  return null;\n}}\n```\n"
            choice = ({"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}
                      if "messages" in req else {"index": 0, "text": answer, "finish_reason": "stop"})
            out = {"object": "chat.completion", "choices": [choice],
                   "usage": {"prompt_tokens": len(text) // 4, "completion_tokens": 12, "total_tokens": 0}}
        else:
            status, out = 404, {"error": {"message": "not found"}}
        data = json.dumps(out).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
        await send({"type": "http.response.body", "body": data})

    return app


def serve_instant(args) -> None:
    from translate.server import bind, run, url_of

    sock = bind("127.0.0.1", 0)
    print(f"instant server on {url_of(sock)}", file=sys.stderr, flush=True)
    run(instant_app(not args.no_tokenize), sock)


def make_tree(dest: Path, units: int, per_file: int = 4) -> int:
    """``units`` functions (stdlib functions, renamed so that every unit is new), ``per_file`` per module."""
    from repo_bench import stdlib_functions

    funcs = [text for _, text in stdlib_functions(4000)]
    files = 0
    for start_i in range(0, units, per_file):
        body = []
        for i in range(start_i, min(units, start_i + per_file)):
            text = funcs[i % len(funcs)]
            body.append(_DEF.sub(lambda m, i=i: f"def {m.group(1)}_{i}({m.group(2)})", text, count=1).rstrip() + "\n")
        pkg = dest / f"pkg{files // 100:03d}"
        pkg.mkdir(parents=True, exist_ok=True)
        (pkg / f"mod{files:05d}.py").write_text("# generated\n\n\n" + "\n\n".join(body), encoding="utf-8")
        files += 1
    return files


_STAGES = {  # (file suffix, function): a stage of the driver's main thread, inclusive time
    "read + parse": [("translate/source/units.py", "parse_text"), ("translate/source/files.py", "read_source")],
    "token counts (/tokenize round trips)": [("translate/engines/openai_compat.py", "count_tokens")],
    "generate (waiting on the servers)": [("translate/engines/openai_compat.py", "generate")],
    "prompts": [("translate/translation/prompts.py", "build_request")],
    "clean + validate answers": [("translate/translation/jobs.py", "_try_candidate")],
    "cache keys + lookups + commits": [("translate/translation/pipeline.py", "cache_key"), ("translate/translation/cache.py", "get"),
                                       ("translate/translation/cache.py", "put")],
    "assemble": [("translate/translation/output.py", "finalize")],
    "write files": [("translate/fsutil.py", "atomic_write_text")],
}


def profile_split(prof, cpu_total: float) -> str:
    import pstats

    st = pstats.Stats(prof)
    whole = max(v[3] for v in st.stats.values())  # the outermost call (migrate)
    parts = []
    for name, keys in _STAGES.items():
        t = sum(v[3] for (f, _, fn), v in st.stats.items() if any(f.endswith(k) and fn == n for k, n in keys))
        parts.append((t, name))
    rest = whole - sum(t for t, _ in parts)
    return ", ".join(f"{name} {t / whole:.0%}" for t, name in sorted(parts, reverse=True)) + f", other {rest / whole:.0%}"


def bench_ceiling(args) -> None:
    import cProfile

    from translate.repo.runner import RepoOptions, migrate

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="ceiling-bench-") as tmp:
        tmp_p = Path(tmp)
        files = make_tree(tmp_p / "src", args.units)
        cmd = ["nice", "-n", "5", sys.executable, __file__, "_instant"] + (["--no-tokenize"] if args.no_tokenize else [])
        server, url = start(cmd)
        try:
            backend = remote(url, args.concurrency)
            opts = dict(src=tmp_p / "src", target="javascript", max_turns=1, batch_size=32, quiet=True, use_git=False)
            t0, c0 = time.perf_counter(), time.process_time()
            migrate(RepoOptions(dst=tmp_p / "dry", dry_run=True, **opts), backend=backend)
            parse_wall, parse_cpu = time.perf_counter() - t0, time.process_time() - c0
            loop_tid = backend.pool._thread.native_id
            l0, m0, s0 = proc_cpu("self", loop_tid), proc_cpu("self", threading.main_thread().native_id), proc_cpu(server.pid)
            prof = cProfile.Profile() if args.profile else None
            t0, c0 = time.perf_counter(), time.process_time()
            if prof:
                prof.enable()
            report = migrate(RepoOptions(dst=tmp_p / "out", **opts), backend=backend)
            if prof:
                prof.disable()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            loop_cpu = proc_cpu("self", loop_tid) - l0
            main_cpu = proc_cpu("self", threading.main_thread().native_id) - m0
            server_cpu = proc_cpu(server.pid) - s0
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            t0, c0 = time.perf_counter(), time.process_time()
            warm = migrate(RepoOptions(dst=tmp_p / "out", **opts), backend=backend)
            warm_wall, warm_cpu = time.perf_counter() - t0, time.process_time() - c0
            t = report.totals()
            n = t["units"]
            print(f"tree: {files} files, {n} units (+{t['glue_segments']} top-level segments); instant server "
                  f"(pid {server.pid}, /tokenize {'off: estimates' if args.no_tokenize else 'on'}); "
                  f"--concurrency {args.concurrency}{'; profiled (slower)' if prof else ''}")
            print(f"statuses: {t['ok']} ok, {t['repaired']} repaired, {t['failed']} failed; {backend.requests} "
                  f"generation requests; {len(backend._counts)} token counts")
            print(f"read + parse only (dry run): {parse_wall:.1f} s wall, {parse_cpu:.1f} s cpu "
                  f"({n / parse_cpu:.0f} units per cpu s)")
            print(f"cold run: {wall:.1f} s wall, {n / wall:.0f} units/s; driver cpu {cpu:.1f} s = {cpu / n * 1000:.2f} ms "
                  f"per unit ({n / cpu:.0f} units per driver cpu s): main thread {main_cpu:.1f} s, HTTP loop thread "
                  f"{loop_cpu:.1f} s, other {cpu - main_cpu - loop_cpu:.1f} s; instant server cpu {server_cpu:.1f} s")
            print(f"warm re-run (all cached): {warm_wall:.1f} s wall, {warm_cpu:.1f} s cpu; cache hits "
                  f"{warm.totals()['cache_hits']}")
            print(f"driver peak memory (max RSS): {rss:.0f} MiB; load average at end "
                  f"{tuple(round(x, 1) for x in os.getloadavg())}")
            if prof:
                print("main thread by stage (profiled, inclusive): " + profile_split(prof, cpu_total=main_cpu))
            backend.close()
        finally:
            server.terminate()
            server.wait(30)


# --- slots: translate serve on llama.cpp, one worker vs a thread per request -------------------------
def bench_slots(args) -> None:
    import httpx

    from translate.engines.loader import load_backend
    from translate.engines.resolve import embedded_gguf
    from translate.server import ServerThread
    from translate.server.app import create_app

    print(f"machine: {machine()}")
    backend = load_backend(str(embedded_gguf()), engine="llamacpp")
    prompts = [f"Write a short poem about the number {i}.\n" for i in range(args.clients * args.requests)]
    print(f"model: embedded SmolLM2-135M on llama.cpp ({backend.slots} slots, {backend.threads} threads); "
          f"{args.clients} clients x {args.requests} sequential requests, max_tokens {args.max_tokens}, greedy")
    print("server mode               wall s  requests/s  mean latency s  generate calls  most at once")
    for concurrent in (False, True, False, True):
        app = create_app(backend, concurrent=concurrent)
        latencies: list[float] = []
        with ServerThread(app) as url:
            barrier = threading.Barrier(args.clients)

            def client(k: int, barrier=barrier, latencies=latencies) -> None:
                barrier.wait()
                with httpx.Client(base_url=url, timeout=600) as http:
                    for j in range(args.requests):
                        t = time.perf_counter()
                        r = http.post("/v1/completions", json={"prompt": prompts[k * args.requests + j],
                                                               "max_tokens": args.max_tokens, "temperature": 0})
                        r.raise_for_status()
                        latencies.append(time.perf_counter() - t)

            threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
            t0 = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            wall = time.perf_counter() - t0
        w = app.state.worker
        most = getattr(w, "most_at_once", "1")
        name = "thread per request" if concurrent else "one model worker"
        print(f"{name:24s} {wall:7.1f} {len(latencies) / wall:11.2f} {sum(latencies) / len(latencies):15.2f} "
              f"{w.batches:15d} {most!s:>13}")
    print(f"load average at end {tuple(round(x, 1) for x in os.getloadavg())}")
    backend.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--files", type=int, default=200)
    s.add_argument("--concurrency", type=lambda v: [int(x) for x in v.split(",")], default=[1, 8, 32])
    s.add_argument("--max-new-tokens", type=int, default=48)
    s.add_argument("--server-batch", type=int, default=32)
    s.add_argument("--model")
    s.add_argument("--in-process", action="store_true", help="also the same migration with the model in-process")
    c = sub.add_parser("ceiling")
    c.add_argument("--units", type=int, default=10000)
    c.add_argument("--concurrency", type=int, default=64)
    c.add_argument("--no-tokenize", action="store_true")
    c.add_argument("--profile", action="store_true", help="profile the main thread (slower) for a per-stage split")
    i = sub.add_parser("_instant")
    i.add_argument("--no-tokenize", action="store_true")
    sl = sub.add_parser("slots")
    sl.add_argument("--clients", type=int, default=4)
    sl.add_argument("--requests", type=int, default=4)
    sl.add_argument("--max-tokens", type=int, default=32)
    args = ap.parse_args(argv)
    {"serve": bench_serve, "ceiling": bench_ceiling, "_instant": serve_instant, "slots": bench_slots}[args.what](args)


if __name__ == "__main__":
    main()
