"""Run generated programs (Python, JavaScript, Java, C++) in a throw-away sandbox.

Every run gets a fresh temporary directory as its working directory, ``HOME`` and ``TMPDIR`` (the
JVM's ``java.io.tmpdir`` too), a clean environment (nothing inherited: no tokens, no proxies), a
wall-clock timeout after which the whole process group is killed, and resource limits. What is
enforced is detected once at run time and recorded in :func:`capabilities` and
:func:`isolation` (``translate eval`` copies both into its report, :func:`sandbox_report`):

* **filesystem** (:mod:`translate.sandbox.bwrap`, when bubblewrap is installed and works here): the
  program runs under ``bwrap`` with the whole filesystem read-only, its scratch directory the only
  writable host path, a private empty ``/tmp``, ``/run`` and ``/dev/shm``, the user's home (and any
  path in ``TRANSLATE_SANDBOX_HIDE``) hidden under an empty tmpfs with the toolchains that live
  there bound back read-only; all namespaces unshared (no network, its own PID namespace, so no
  process outlives the run), every capability dropped (also as root), a new session,
  ``--die-with-parent``. :mod:`translate.sandbox.policy` holds the ``--sandbox auto|require|off``
  mode: ``auto`` falls back to the layers below and says so (a note on every result and one summary
  line), ``require`` refuses to run without bwrap (:class:`SandboxUnavailable`, exit 2), ``off`` only
  when asked for.
* **rlimits** (always, through util-linux ``prlimit`` or, failing that, ``setrlimit`` in the child):
  address space (per-language policy below), CPU seconds (timeout + 1), output file size, open
  files, no core dumps.
* **process count**: a fresh cgroup per run with ``pids.max`` when a writable pids cgroup exists
  (works as root, where ``RLIMIT_NPROC`` is *not* enforced by the kernel); otherwise, for a non-root
  user, ``RLIMIT_NPROC`` = the user's current process count + the allowance. Root without a pids
  cgroup: not enforced (recorded note).
* **network** without bwrap: ``unshare --net`` puts the program in an empty network namespace, with
  ``--user --map-root-user`` for non-root users; also ``--pid``, so every process the program
  started dies with it. Where ``unshare`` is refused too: not enforced (note).
* **not enforced**: a privilege drop to another user, seccomp filters, disk quota on the scratch
  directory beyond ``RLIMIT_FSIZE`` per file. Without bwrap the program could read and write any
  file the calling user can: the sandbox then stops accidents (loops, fork bombs, memory hogs, stray
  network calls), not a determined attacker.

Memory policy (``RLIMIT_AS``): 1 GiB for Python and C++ programs, 2 GiB for g++ itself and Node,
3 GiB for the JVM, which also gets explicit heap/metaspace/code-cache flags so it fits.
A missing toolchain is a ``skipped`` result ("skipped: no javac"), never an exception.
"""
from translate.sandbox.limits import Capabilities, Limits, capabilities
from translate.sandbox.policy import (
                                      MODES,
                                      Isolation,
                                      SandboxUnavailable,
                                      get_mode,
                                      isolation,
                                      set_mode,
                                      summary_line,
                                      unisolated_runs,
)
from translate.sandbox.policy import report as sandbox_report
from translate.sandbox.runner import (
                                      FAILED,
                                      PASSED,
                                      SKIPPED,
                                      TIMEOUT,
                                      RunResult,
                                      find_tool,
                                      missing_tool,
                                      run_command,
                                      run_program,
                                      sandbox_language,
)

__all__ = [
                                      "MODES",
                                      "Isolation",
                                      "SandboxUnavailable",
                                      "get_mode",
                                      "isolation",
                                      "sandbox_report",
                                      "set_mode",
                                      "summary_line",
                                      "unisolated_runs",
                                      "FAILED",
                                      "PASSED",
                                      "SKIPPED",
                                      "TIMEOUT",
                                      "Capabilities",
                                      "Limits",
                                      "RunResult",
                                      "capabilities",
                                      "find_tool",
                                      "missing_tool",
                                      "run_command",
                                      "run_program",
                                      "sandbox_language",
]
