"""``translate repo``: migrate a whole source tree (selection, layout, cache, progress, reports, runner)."""
