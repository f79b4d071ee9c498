"""Execution-based evaluation: HumanEval-X translation, the MTPB multi-turn benchmark, pass@k, and the
test verifiers that make translation test-guided. Programs run in :mod:`translate.sandbox`."""

from translate.evaluation.verify import make_file_verifier

__all__ = ["make_file_verifier"]
