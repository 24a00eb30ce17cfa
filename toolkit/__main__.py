"""``python -m toolkit`` is the same as the ``integritas`` command."""

from toolkit.cli import main

main(prog_name="integritas")
