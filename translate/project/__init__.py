"""A migrated repository as a project, not a heap of files.

Before any unit is translated, :mod:`symbols` reads every parsed source file into a project-wide symbol map
(each module's public names, each file's imports resolved to project modules); :mod:`context` turns it into
what a unit's prompt is told (the callees it imports, with their target signatures; that a unit is a test).
After translation, a target's module writer (:mod:`javascript`: ES modules, ``node:test``) generates the
imports, exports and test registrations from the map (and :mod:`idioms` fixes Python idioms that parse but do
not load), and :mod:`build` adds the build file from a template;
:mod:`check` runs the migrated tests in the sandbox and reads their results per test; :mod:`blame` maps each
failing test to the units it calls and :mod:`repair` gives those units repair turns with the test's error, then
checks again (``--check-rounds``).
"""
