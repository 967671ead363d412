# The newsroom app owns no tables yet. This module exists because Django sends post_migrate
# only to apps with a models module, and the role groups are synced on that signal.
