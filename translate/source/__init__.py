"""Stage 1: the source side. Languages (grammars, units.scm), parsing files into units, validation, stubs."""
