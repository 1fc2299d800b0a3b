"""Learning-rate schedule shared by pre-training and fine-tuning."""
from __future__ import annotations

import torch


def linear_warmup(opt: torch.optim.Optimizer, total_steps: int, warmup: float = 0.06):
    """Linear warm-up over the first `warmup` share of steps, then linear decay to zero."""
    warm = max(1, int(total_steps * warmup))

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total_steps - step) / max(1, total_steps - warm))

    return torch.optim.lr_scheduler.LambdaLR(opt, factor)
