"""Everything the demo newsroom says, as data: written for newsdesk, copied from nowhere."""

from .catalogue import GALLERIES, PRODUCTS, SHOPS, VIDEOS
from .guides import GUIDES
from .news import NEWS
from .pages import PAGES
from .people import ACCOUNTS, AUTHORS, TOPICS
from .reviews import HANDS_ON, REVIEWS, SCHEDULED
from .showcase import SHOWCASE, SHOWCASE_SLUG

ARTICLES = (SHOWCASE, *NEWS, *REVIEWS, *HANDS_ON, *GUIDES, SCHEDULED)

__all__ = [
    "ACCOUNTS",
    "ARTICLES",
    "AUTHORS",
    "GALLERIES",
    "PAGES",
    "PRODUCTS",
    "SHOPS",
    "SHOWCASE",
    "SHOWCASE_SLUG",
    "TOPICS",
    "VIDEOS",
]
