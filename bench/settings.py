"""Settings for `make bench`'s load test: duban's own, plus a folder of static files that
holds a copy of the plan page (the ceiling the page is measured against)."""

import os

from duban.settings import *  # noqa: F403
from duban.settings import STATICFILES_DIRS

STATICFILES_DIRS = [*STATICFILES_DIRS, os.environ["DUBAN_BENCH_STATIC"]]
