"""Exponential moving average of the weights (Polyak averaging) for the fine-tuning run.

A small model trained with batch 32 ends on a noisy point of its trajectory; the average of the
last few thousand steps usually sits closer to the middle of the basin. The averaged weights are
the ones evaluated, selected and exported; the optimiser keeps stepping the raw ones.
"""
from __future__ import annotations

import contextlib

import torch
from torch import nn


class Ema:
    def __init__(self, model: nn.Module, decay: float):
        self.model, self.decay, self.steps = model, decay, 0
        self.shadow = {k: v.detach().clone().float() for k, v in model.state_dict().items() if v.dtype.is_floating_point}

    @torch.no_grad()
    def update(self) -> None:
        self.steps += 1
        # Early on the average would be dominated by the random start: ramp the decay up.
        d = min(self.decay, (1 + self.steps) / (10 + self.steps))
        for k, v in self.model.state_dict().items():
            if k in self.shadow:
                self.shadow[k].mul_(d).add_(v.detach().float(), alpha=1 - d)

    @contextlib.contextmanager
    def applied(self):
        """The model holds the averaged weights inside the block, its own ones again after it."""
        raw = {k: v.detach().clone() for k, v in self.model.state_dict().items() if k in self.shadow}
        self.model.load_state_dict(self.shadow, strict=False)
        try:
            yield
        finally:
            self.model.load_state_dict(raw, strict=False)
