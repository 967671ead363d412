"""Validators the sitemap, feed and structured-data tests share."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from lxml import etree, html

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def valid_xml(content: bytes, schema_name: str) -> etree._Element:
    """Parse ``content`` and assert it validates against ``schema_name``; returns the root."""
    root = etree.fromstring(content)
    checker = schema(schema_name)
    assert checker.validate(root), checker.error_log.last_error
    return root


def valid_sitemap(content: bytes) -> etree._Element:
    root = valid_xml(content, "sitemap.xsd")
    # Google News rules XSD cannot express: at most 1,000 news entries in one file.
    assert len(root.findall("sm:url/news:news", NS)) <= 1000
    return root


def valid_index(content: bytes) -> etree._Element:
    return valid_xml(content, "siteindex.xsd")


def locs(root: etree._Element, path: str = "sm:url/sm:loc") -> list[str]:
    return [element.text for element in root.findall(path, NS)]


def json_ld(content: bytes | str) -> list[dict]:
    """Every JSON-LD block of an HTML page, parsed."""
    document = html.fromstring(content)
    return [
        json.loads(script.text)
        for script in document.xpath('//script[@type="application/ld+json"]')
    ]


def of_type(blocks: list[dict], type_name: str) -> list[dict]:
    return [block for block in blocks if block.get("@type") == type_name]
