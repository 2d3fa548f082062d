"""``python -m mixedmethods`` is the ``mixedmethods`` command line."""
import sys

from .cli import main

sys.exit(main())
