import sys

from pmo_insight.cli import main

sys.exit(main())
