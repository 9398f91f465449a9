"""``python -m sco_text``: the same as the ``sco-text`` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
