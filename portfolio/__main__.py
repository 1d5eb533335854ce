import sys

from portfolio.cli import main

sys.exit(main())
