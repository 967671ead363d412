"""Writes a large WordPress export (WXR 1.2) of generated German posts with comments.

For the import benchmark and the interrupted-import test: the file is written as a stream, so
any size can be made without holding it in memory. The shape follows what WordPress's own
exporter writes (see tests/fixtures/wordpress/).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from xml.sax.saxutils import escape

from newsdesk.synthetic import vocabulary as words

SITE = "https://alt.technikblatt.invalid"
CATEGORIES = 20
TAGS = 60
AUTHORS = 12


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _product(rng: random.Random) -> tuple[str, str]:
    maker = rng.choice(list(words.MAKERS_AND_SERIES))
    prefix, numbers = rng.choice(words.MAKERS_AND_SERIES[maker])
    return maker, f"{prefix}{rng.choice(numbers)}".strip()


def _sentence(rng: random.Random) -> str:
    maker, product = _product(rng)
    return rng.choice(words.SENTENCE_PATTERNS).format(
        product=product,
        other=_product(rng)[1],
        maker=maker,
        compound=rng.choice(words.COMPOUNDS),
        topic=rng.choice(words.COMPOUNDS),
        price=rng.randrange(199, 1499),
        inch=rng.choice(["6,1", "6,4", "6,7"]),
        storage=rng.choice([128, 256, 512]),
        years=rng.choice([4, 5, 7]),
    )


def _body(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(3, 6)):
        parts.append(" ".join(_sentence(rng) for _ in range(rng.randrange(2, 4))))
        if rng.random() < 0.5:
            parts.append(f"<h2>{rng.choice(words.SUBHEADINGS)}</h2>")
    if rng.random() < 0.3:
        parts.append(
            "<ul>\n<li>" + "</li>\n<li>".join(rng.sample(words.COMPOUNDS, 3)) + "</li>\n</ul>"
        )
    return "\n\n".join(parts)


def write_export(path: Path, posts: int, comments_per_post: int = 4, seed: int = 7) -> Path:
    """A WXR file with ``posts`` posts, each with about ``comments_per_post`` comments."""
    rng = random.Random(seed)
    start = dt.datetime(2012, 1, 1, 8, 0, tzinfo=dt.UTC)
    with Path(path).open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
            '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n<channel>\n'
            f"\t<title>Technikblatt Archiv</title>\n\t<link>{SITE}</link>\n"
            "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
            f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n"
            f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for number in range(1, AUTHORS + 1):
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            out.write(
                f"\t<wp:author><wp:author_id>{number}</wp:author_id>"
                f"<wp:author_login>{_cdata(f'autor{number}')}</wp:author_login>"
                f"<wp:author_email>{_cdata(f'autor{number}@example.invalid')}</wp:author_email>"
                f"<wp:author_display_name>{_cdata(f'{first} {last}')}</wp:author_display_name>"
                f"<wp:author_first_name>{_cdata(first)}</wp:author_first_name>"
                f"<wp:author_last_name>{_cdata(last)}</wp:author_last_name></wp:author>\n"
            )
        for number in range(1, CATEGORIES + 1):
            out.write(
                f"\t<wp:category><wp:term_id>{number}</wp:term_id>"
                f"<wp:category_nicename>{_cdata(f'rubrik-{number}')}</wp:category_nicename>"
                f"<wp:category_parent>{_cdata('')}</wp:category_parent>"
                f"<wp:cat_name>{_cdata(f'Rubrik {number}')}</wp:cat_name></wp:category>\n"
            )
        for number in range(1, TAGS + 1):
            out.write(
                f"\t<wp:tag><wp:term_id>{1000 + number}</wp:term_id>"
                f"<wp:tag_slug>{_cdata(f'stichwort-{number}')}</wp:tag_slug>"
                f"<wp:tag_name>{_cdata(f'Stichwort {number}')}</wp:tag_name></wp:tag>\n"
            )
        comment_id = 0
        for number in range(1, posts + 1):
            post_id = 10 + number
            date = start + dt.timedelta(minutes=37 * number)
            maker, product = _product(rng)
            title = rng.choice(words.HEADLINE_PATTERNS).format(
                product=product,
                other=_product(rng)[1],
                maker=maker,
                compound=rng.choice(words.COMPOUNDS),
            )
            slug = f"beitrag-{number}"
            gmt = date.strftime("%Y-%m-%d %H:%M:%S")
            local = (date + dt.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
            out.write(
                f"\t<item>\n\t\t<title>{_cdata(title)}</title>\n"
                f"\t\t<link>{SITE}/{date:%Y/%m}/{slug}/</link>\n"
                f"\t\t<dc:creator>{_cdata(f'autor{rng.randrange(1, AUTHORS + 1)}')}</dc:creator>\n"
                f'\t\t<guid isPermaLink="false">{SITE}/?p={post_id}</guid>\n'
                f"\t\t<content:encoded>{_cdata(_body(rng))}</content:encoded>\n"
                f"\t\t<excerpt:encoded>{_cdata(_sentence(rng))}</excerpt:encoded>\n"
                f"\t\t<wp:post_id>{post_id}</wp:post_id>\n"
                f"\t\t<wp:post_date>{_cdata(local)}</wp:post_date>\n"
                f"\t\t<wp:post_date_gmt>{_cdata(gmt)}</wp:post_date_gmt>\n"
                f"\t\t<wp:comment_status>{_cdata('open')}</wp:comment_status>\n"
                f"\t\t<wp:post_name>{_cdata(slug)}</wp:post_name>\n"
                f"\t\t<wp:status>{_cdata('publish')}</wp:status>\n"
                "\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n"
                f"\t\t<wp:post_type>{_cdata('post')}</wp:post_type>\n"
                f"\t\t<wp:post_password>{_cdata('')}</wp:post_password>\n"
                "\t\t<wp:is_sticky>0</wp:is_sticky>\n"
            )
            category = rng.randrange(1, CATEGORIES + 1)
            out.write(
                f'\t\t<category domain="category" nicename="rubrik-{category}">'
                f"{_cdata(f'Rubrik {category}')}</category>\n"
            )
            for tag in rng.sample(range(1, TAGS + 1), 2):
                out.write(
                    f'\t\t<category domain="post_tag" nicename="stichwort-{tag}">'
                    f"{_cdata(f'Stichwort {tag}')}</category>\n"
                )
            first_comment = 0
            for index in range(rng.randrange(0, 2 * comments_per_post + 1)):
                comment_id += 1
                first_comment = first_comment or comment_id
                parent = first_comment if index and rng.random() < 0.4 else 0
                when = (date + dt.timedelta(hours=index + 1)).strftime("%Y-%m-%d %H:%M:%S")
                approved = rng.choice(["1", "1", "1", "1", "0", "trash"])
                name = rng.choice(words.FIRST_NAMES)
                out.write(
                    "\t\t<wp:comment>\n"
                    f"\t\t\t<wp:comment_id>{comment_id}</wp:comment_id>\n"
                    f"\t\t\t<wp:comment_author>{_cdata(name)}</wp:comment_author>\n"
                    f"\t\t\t<wp:comment_author_email>{_cdata(f'{name.lower()}@leser.invalid')}"
                    "</wp:comment_author_email>\n"
                    f"\t\t\t<wp:comment_date>{_cdata(when)}</wp:comment_date>\n"
                    f"\t\t\t<wp:comment_date_gmt>{_cdata(when)}</wp:comment_date_gmt>\n"
                    f"\t\t\t<wp:comment_content>{_cdata(escape(_sentence(rng)))}"
                    "</wp:comment_content>\n"
                    f"\t\t\t<wp:comment_approved>{_cdata(approved)}</wp:comment_approved>\n"
                    f"\t\t\t<wp:comment_type>{_cdata('comment')}</wp:comment_type>\n"
                    f"\t\t\t<wp:comment_parent>{parent}</wp:comment_parent>\n"
                    "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t</wp:comment>\n"
                )
            out.write("\t</item>\n")
        out.write("</channel>\n</rss>\n")
    return Path(path)
