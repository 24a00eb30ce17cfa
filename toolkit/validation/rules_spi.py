"""Cross-field rules for spi (implementations registered with @cross_rule)."""

from __future__ import annotations
