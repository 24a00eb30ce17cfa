"""Cross-field rules for zi (implementations registered with @cross_rule)."""

from __future__ import annotations
