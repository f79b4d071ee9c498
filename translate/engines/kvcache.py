"""KV-cache plumbing for our decode loop (translate.engines.decode): buffers with spare room, and
merging the caches of rows that join a running batch."""
from __future__ import annotations

import functools

import torch


@functools.cache
def _roomy_layer_class():
    from transformers.cache_utils import DynamicLayer

    class RoomyLayer(DynamicLayer):
        """A DynamicLayer whose keys/values live in a buffer with spare room: a decode step writes its one
        new position in place instead of concatenating (copying) the whole cache every step."""

        _kbuf = _vbuf = None

        def update(self, key_states, value_states, *args, **kwargs):
            if not self.is_initialized:
                self.lazy_initialization(key_states, value_states)
            have, n = self.get_seq_length(), key_states.shape[-2]
            kb = self._kbuf
            if (kb is None or self.keys.data_ptr() != kb.data_ptr() or kb.shape[0] != key_states.shape[0]
                    or have + n > kb.shape[-2]):  # first use, rows selected/merged since, or full
                self._kbuf = with_room(self.keys, have, key_states)
                self._vbuf = with_room(self.values, have, value_states)
            self._kbuf[:, :, have:have + n] = key_states
            self._vbuf[:, :, have:have + n] = value_states
            self.keys, self.values = self._kbuf[:, :, :have + n], self._vbuf[:, :, :have + n]
            return self.keys, self.values

    return RoomyLayer


def with_room(current: torch.Tensor, have: int, new: torch.Tensor) -> torch.Tensor:
    need = have + new.shape[-2]
    buf = new.new_empty((new.shape[0], new.shape[1], need + max(32, need // 4), new.shape[3]))
    if have:
        buf[:, :, :have] = current
    return buf


def make_roomy(cache) -> None:
    from transformers.cache_utils import DynamicLayer

    for layer in getattr(cache, "layers", []):
        if type(layer) is DynamicLayer:
            layer.__class__ = _roomy_layer_class()


def pad_after(t: torch.Tensor, at: int, n: int, dim: int) -> torch.Tensor:
    """Insert ``n`` zero slots into ``t`` at index ``at`` of ``dim``."""
    shape = list(t.shape)
    shape[dim] = n
    head, tail = t.narrow(dim, 0, at), t.narrow(dim, at, t.shape[dim] - at)
    return torch.cat([head, t.new_zeros(shape), tail], dim=dim)


def merge(cache, mask: torch.Tensor, cache_b, mask_b: torch.Tensor, shared: int):
    """Append the rows of ``cache_b`` to ``cache``: the shorter side gets masked slots right after the shared
    prefix, then key/value columns no row attends to any more are dropped."""
    d = mask.shape[1] - mask_b.shape[1]
    if d < 0:
        mask = pad_after(mask, shared, -d, 1)
    elif d > 0:
        mask_b = pad_after(mask_b, shared, d, 1)
    mask = torch.cat([mask, mask_b], dim=0)
    live = mask.any(0)
    cols = None if bool(live.all()) else live.nonzero().squeeze(1)
    for la, lb in zip(cache.layers, cache_b.layers):
        for attr in ("keys", "values"):
            a, b = getattr(la, attr), getattr(lb, attr)
            if d < 0:
                a = pad_after(a, shared, -d, 2)
            elif d > 0:
                b = pad_after(b, shared, d, 2)
            both = torch.cat([a, b], dim=0)
            setattr(la, attr, both if cols is None else both.index_select(2, cols.to(both.device)))
    return cache, (mask if cols is None else mask.index_select(1, cols))


def mergeable(cache) -> bool:
    from transformers.cache_utils import DynamicLayer

    layers = getattr(cache, "layers", None)
    return bool(layers) and all(isinstance(la, DynamicLayer) and not la.is_sliding for la in layers)
