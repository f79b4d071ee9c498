"""Run generated programs (Python, JavaScript, Java, C++) in a throw-away sandbox.

Every run gets a fresh temporary directory (``translate-sbx-<lang>-<pid>-*``) as its working
directory, ``HOME`` and ``TMPDIR`` (the JVM's ``java.io.tmpdir`` too), a clean environment (nothing
inherited: no tokens, no proxies), a wall-clock timeout after which the whole process group is
killed, and resource limits. What is enforced is detected once at run time and recorded in
:func:`capabilities` and :func:`isolation` (``translate eval`` copies both into its report,
:func:`sandbox_report`, with the list of host paths bound read-only):

* **filesystem** (:mod:`translate.sandbox.bwrap`, when bubblewrap is installed and works here): the
  program sees an empty read-only root with only ``/usr``, the ``/bin``/``/lib*`` links, the loader's
  files from ``/etc`` and each toolchain's prefix bound read-only (no home, no project tree, no
  ``/run``, no other user's files); a program run works in a size-limited tmpfs holding a copy of
  its scratch directory (``Limits.disk_mb``, a real disk quota), a compile or ``--tests`` run in
  the scratch directory itself (the only writable host path; ``RLIMIT_FSIZE`` per file); private
  size-limited ``/tmp`` and ``/dev/shm``. All namespaces unshared (no network, its own PID namespace
  and ``/proc``, so no process outlives the run and no other process's environment is visible), uid
  and gid 65534 in its own user namespace where bwrap allows it (outside it is still the caller's
  uid: what keeps root's files closed is that they are not bound), every capability dropped, a new
  session, ``--die-with-parent``. :mod:`translate.sandbox.policy` holds the
  ``--sandbox auto|require|off`` mode: ``auto`` falls back to the layers below and says so (a note on
  every result and one summary line), ``require`` refuses to run without bwrap
  (:class:`SandboxUnavailable`, exit 2), ``off`` only when asked for.
* **rlimits** (always, through util-linux ``prlimit`` or, failing that, ``setrlimit`` in the child;
  inside bwrap when it is used): address space (per-language policy below), CPU seconds
  (timeout + 1), output file size, open files, no core dumps.
* **process count**: a fresh cgroup per run (``translate-sandbox-<pid>-*``) with ``pids.max`` when a
  writable pids cgroup exists (works as root, where ``RLIMIT_NPROC`` is *not* enforced by the
  kernel); otherwise, for a non-root user, ``RLIMIT_NPROC`` = the user's current process count + the
  allowance. Root without a pids cgroup: not enforced (recorded note).
* **without bwrap**: ``unshare --net --pid --mount-proc`` puts the program in an empty network
  namespace and its own PID namespace with its own ``/proc`` (so ``/proc/<ppid>/environ`` of
  translate, holding e.g. ``OPENAI_API_KEY``, is not there), with ``--user --map-root-user`` for
  non-root users; ``setpriv --pdeathsig KILL`` kills it when translate dies. What is refused is a note.
* **leftovers**: the first run of a process removes scratch directories and cgroups whose owner pid
  (in their name) is dead: what a ``kill -9`` of translate left behind.
* **not enforced**: a privilege drop to another host user, seccomp filters, a disk quota for the
  compile and ``--tests`` runs beyond ``RLIMIT_FSIZE`` per file. Without bwrap the program could
  read and write any file the calling user can: the sandbox then stops accidents (loops, fork bombs,
  memory hogs, stray network calls, reading translate's environment), not a determined attacker.

Memory policy (``RLIMIT_AS``): 1 GiB for Python and C++ programs, 2 GiB for g++ itself and Node,
3 GiB for the JVM, which also gets explicit heap/metaspace/code-cache flags so it fits.
A missing toolchain is a ``skipped`` result ("skipped: no javac"), never an exception.
"""
from translate.sandbox.javac_warm import program_dir
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
                                      javac,
                                      missing_tool,
                                      run_command,
                                      run_program,
                                      sandbox_language,
)

__all__ = [
                                      "FAILED",
                                      "MODES",
                                      "PASSED",
                                      "SKIPPED",
                                      "TIMEOUT",
                                      "Capabilities",
                                      "Isolation",
                                      "Limits",
                                      "RunResult",
                                      "SandboxUnavailable",
                                      "capabilities",
                                      "find_tool",
                                      "get_mode",
                                      "program_dir",
                                      "isolation",
                                      "javac",
                                      "missing_tool",
                                      "run_command",
                                      "run_program",
                                      "sandbox_language",
                                      "sandbox_report",
                                      "set_mode",
                                      "summary_line",
                                      "unisolated_runs",
]
