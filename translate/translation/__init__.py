"""Stage 2-4 for one unit: prompts, the job loop (generate, check, repair turn), answer cleaning, checks,
reassembly of a whole file, and the unit cache that makes a run resumable."""
