"""The reference backend: any Hugging Face causal LM through ``transformers``.

Hub ids, local model directories and GGUF files (``gguf_file=``) all load through
``AutoModelForCausalLM``. CodeGen is first-class: pad token set, left padding, plain-code prompts cut
``truncate_before_pattern``-style. On GPU the model loads in bf16/fp16 with ``device_map="auto"``
(accelerate) so models larger than one device are split; on CPU fp32 (or bf16 on request).

Batching: requests are grouped by sampling settings, sorted by prompt length and left-padded; one
``generate`` call serves a whole batch. A per-row stopping criterion ends each sequence as soon as its
answer is complete (stop regex, closing fence, end of the first unit) or its own token budget is used.
"""
from __future__ import annotations

import os

from translate.config import env
from translate.engines.base import Engine, GenRequest, GenResult, Identity
from translate.engines.identity import files_revision, transformers_identity
from translate.engines.resolve import ModelSpec
from translate.errors import ModelError


def _torch():
    """``import torch``, first making its OpenMP threads sleep while they wait: spinning waiters next to
    another busy process on a small machine made a tiny translation 4x slower (11.8 s vs 2.8 s measured on 2
    cores); sleeping ones cost little when the machine is idle. Only takes effect before torch's first
    import; an explicit setting wins."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch

    return torch


def pick_device(device: str) -> str:
    torch = _torch()

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda was asked for but no CUDA device is available (use --device cpu)")
    return device


def cpu_has_amx_bf16() -> bool:
    """Intel AMX bf16 tiles: oneDNN runs bf16 matmuls several times faster than fp32 on these CPUs."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return "amx_bf16" in line.split()
    except OSError:
        pass
    return False


def pick_dtype(dtype: str, device: str):
    torch = _torch()

    if dtype == "auto":
        if device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        # CPU: bf16 where the CPU has AMX (measured 3.5x faster prefill, 2x batched decode for
        # SmolLM2 on a Xeon with AMX; bench/RESULTS.md), fp32 elsewhere (emulated bf16 is slower)
        # (TRANSLATE_CPU_BF16=0/1 overrides the detection)
        choice = env("TRANSLATE_CPU_BF16") or ""
        use_bf16 = choice == "1" or (choice != "0" and cpu_has_amx_bf16())
        return torch.bfloat16 if use_bf16 else torch.float32
    table = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
    if dtype not in table:
        raise ModelError(f"unknown --dtype {dtype!r} (auto, fp32, bf16, fp16)")
    if dtype == "fp16" and not device.startswith("cuda"):
        raise ModelError("--dtype fp16 needs a GPU; on CPU use fp32 or bf16")
    return table[dtype]


def dtype_suffix(dtype) -> str:
    """The revision's suffix for the weights' dtype: answers depend on it, so cache keys do too."""
    return "" if dtype == _torch().float32 else f"+{str(dtype)[6:]}"


def identify(spec: ModelSpec, config) -> Identity:
    """This engine's identity for ``spec`` under ``config`` (device, dtype), without loading the model."""
    return transformers_identity(spec, dtype_suffix(pick_dtype(config.dtype, pick_device(config.device))))


def _quiet_gguf_loader() -> None:
    """transformers' GGUF de-quantization draws its own tqdm bar (not governed by its logging switch)."""
    try:
        import transformers.modeling_gguf_pytorch_utils as gguf_utils
    except ImportError:
        return
    gguf_utils.tqdm = lambda iterable, *args, **kwargs: iterable


class HFBackend(Engine):
    """The engine contract on a transformers model (loaded when constructed; one caller at a time)."""

    engine = "transformers"

    def __init__(self, spec: ModelSpec, ident: Identity | None = None, *, device: str = "auto", dtype: str = "auto",
                 batch_size: int = 32, threads: int | None = None):
        torch = _torch()
        import transformers

        transformers.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()  # our CLI says "loading model..." itself
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        if threads:
            torch.set_num_threads(threads)
        self.spec = spec
        self.model_id = spec.display if spec.origin == "embedded" else spec.ref
        self.batch_size = max(1, batch_size)
        self.device = pick_device(device)
        self.dtype = pick_dtype(dtype, self.device)
        self.tokenizer, self.model = self._load(transformers)
        tok = self.tokenizer
        if tok.pad_token_id is None:
            tok.pad_token = tok.eos_token
        tok.padding_side = "left"
        self.family = "codegen" if self.model.config.model_type == "codegen" else (
            "chat" if tok.chat_template else "completion")
        self.is_chat = bool(tok.chat_template) and self.family != "codegen"
        # the revision identify() gave before loading (the registry passes it in), else computed the same way
        self.revision = ident.revision if ident is not None else files_revision(spec) + dtype_suffix(self.dtype)
        self.eos_ids = self._eos_ids()
        from translate.engines.decode import PrefixMemo, supports_own_loop

        # our decode loop (shared-prefix cache, shrinking batches) unless TRANSLATE_DECODE=generate
        self.own_loop = supports_own_loop(self.model) and env("TRANSLATE_DECODE") != "generate"
        self.prefix_memo = PrefixMemo()

    def _load(self, transformers):
        spec = self.spec
        kwargs: dict = {"dtype": self.dtype}
        if spec.kind == "gguf":
            where, extra = str(spec.path), {"gguf_file": spec.gguf_file}
            _quiet_gguf_loader()
        elif spec.kind == "dir":
            where, extra = str(spec.path), {}
        else:
            where, extra = spec.ref, {"local_files_only": os.environ.get("HF_HUB_OFFLINE") == "1"}
        if self.device.startswith("cuda"):
            kwargs["device_map"] = "auto"
        try:
            tok = transformers.AutoTokenizer.from_pretrained(where, **extra)
            model = transformers.AutoModelForCausalLM.from_pretrained(where, **extra, **kwargs)
        except (OSError, ValueError) as exc:
            if spec.kind == "hub":
                raise ModelError(
                    f"model {spec.ref} is not in the local Hugging Face cache ({os.environ.get('HF_HOME') or '~/.cache/huggingface'}) "
                    f"and cannot be downloaded here: fetch it on a connected machine (`hf download {spec.ref}`) "
                    f"and copy the cache, or pass a local directory / .gguf file with --model"
                ) from None
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"cannot load model {spec.ref}: {first}") from None
        if not self.device.startswith("cuda"):
            model.to(self.device)
        model.eval()
        return tok, model

    def _eos_ids(self) -> set[int]:
        ids = set()
        for value in (self.tokenizer.eos_token_id, getattr(self.model.generation_config, "eos_token_id", None)):
            if isinstance(value, int):
                ids.add(value)
            elif isinstance(value, (list, tuple)):
                ids.update(v for v in value if isinstance(v, int))
        return ids

    # --- the engine contract ---
    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def render(self, req: GenRequest) -> str:
        if req.messages is not None:
            if not self.tokenizer.chat_template:
                raise ModelError(f"{self.model_id} has no chat template; it needs completion prompts")
            text = self.tokenizer.apply_chat_template(req.messages, add_generation_prompt=True, tokenize=False)
        else:
            text = req.prompt or ""
        return text + req.prefix

    def generate(self, requests: list[GenRequest], on_result=None) -> list[GenResult]:
        from translate.engines.batching import generate_batched

        return generate_batched(self, requests, on_result)
