"""`python -m osuframes.sandbox`: the same as `osuframes sandbox`."""

import sys

from osuframes.sandbox.cli import main

sys.exit(main())
