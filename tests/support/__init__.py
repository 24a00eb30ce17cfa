"""Test scaffolding (generators, fakes, services, corpora); product code never imports it."""
