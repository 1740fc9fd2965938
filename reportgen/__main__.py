"""``python -m reportgen``: the same commands as the ``reportgen`` script."""

from reportgen.cli import main

main()
