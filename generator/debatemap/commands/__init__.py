"""The ``debatemap`` subcommands, one module per command.

Each module declares its arguments (``add_parser``) and runs the command (``run``), returning an
exit code; ``cli.py`` assembles them in the order of ``COMMANDS`` and is the only place that
turns exceptions into messages and exit codes.
"""
