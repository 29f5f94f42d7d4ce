"""`python -m osuframes`: the same as the `osuframes` command."""

import sys

from osuframes.cli import main

sys.exit(main())
