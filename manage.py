#!/usr/bin/env python
"""Same as the ``newsdesk`` console script, for people who expect manage.py."""

from newsdesk.cli import main

if __name__ == "__main__":
    main()
