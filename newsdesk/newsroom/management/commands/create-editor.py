# ``newsdesk create-editor`` (the spelling in the README and `make run`): Django finds commands by
# module name and the console script does not map "-" to "_", so this alias module carries it.
from .create_editor import Command  # noqa: F401
