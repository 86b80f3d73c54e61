"""`python -m referat_lint.rules`: compile the rules' TOML texts into texts.json."""

from referat_lint.rules import write_compiled

write_compiled()
