"""Cross-field rules for kalender (implementations registered with @cross_rule)."""

from __future__ import annotations
