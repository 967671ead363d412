# ``newsdesk publish-due`` (the spelling in cron, systemd and the docs): Django finds commands by
# module name and the console script does not map "-" to "_", so this alias module carries it.
from .publish_due import Command  # noqa: F401
