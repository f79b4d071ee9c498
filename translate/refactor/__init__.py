"""Same-language refactoring with the model: ``translate refactor`` (recipes, rewrite jobs, test gate)."""
