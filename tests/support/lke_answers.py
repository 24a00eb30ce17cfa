"""Random but plausible LKE ZI 2026 answers (counts consistent unless asked otherwise)."""

from __future__ import annotations

import random

from toolkit.lke.master import load_master
from toolkit.lke.score import load_2026_model


def random_answers(rng: random.Random, blank: float = 0.0, *, consistent: bool = True,
                   quality: float = 0.5) -> dict[int, object]:
    """soal_id → answer; ``quality`` 0..1 pulls choices toward the best option."""
    out: dict[int, object] = {}
    for s in load_master().soals.values():
        if rng.random() < blank:
            continue
        if s.type == "JUMLAH":
            out[s.id] = rng.randint(0, 30)
        elif s.type == "0-4":
            out[s.id] = round(min(4.0, rng.uniform(1.5, 4) * (0.7 + 0.3 * quality) + quality), 2)
        else:
            opts = s.options
            out[s.id] = opts[0] if rng.random() < quality else rng.choice(opts)
    if consistent:
        for d in load_2026_model().derived:
            for left, right in d.not_above:
                if any(i not in out for i in (*left, *right)):
                    continue
                rsum = sum(int(out[i]) for i in right)  # type: ignore[call-overload]
                for i in left:
                    out[i] = min(int(out[i]), rsum // len(left))  # type: ignore[call-overload]
    return out
