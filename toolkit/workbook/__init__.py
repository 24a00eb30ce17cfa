"""Reading workbooks (fast, read-only) and writing them (safe, never destructive)."""
