"""codegen-translate: move code between languages, unit by unit, with a local code model.

Data flows one way: ``parse -> prompt -> generate -> validate (-> repair turn) -> assemble -> write``.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse_text", "validate", "check_unit", "get_language", "translate_file", "translate_source",
           "translate_sources", "TranslateOptions", "__version__"]

from translate.source.languages import get_language
from translate.source.units import parse_text
from translate.source.validate import check_unit, validate
from translate.translation.pipeline import TranslateOptions, translate_file, translate_source, translate_sources
