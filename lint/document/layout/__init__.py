"""Layout profiles (lint/document/layouts/*.toml): reading, merging and checking them, and
each as compiled patterns (`Layout`)."""

from referat_lint.document.layout.model import *  # noqa: F403
