"""With LANGUAGE_CODE=en the new labels come from this app's English catalogue."""

import pytest
from django.test import override_settings
from django.utils import translation

from newsdesk.articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@override_settings(LANGUAGE_CODE="en")
def test_sponsored_and_corrected_article_in_english(client):
    with translation.override("en"):
        article = ArticleFactory(
            is_sponsored=True, sponsor_name="ACME", correction_note="Price fixed."
        )
        page = client.get(article.get_absolute_url()).content.decode()
        assert "<strong>Advertisement</strong> · paid for by ACME" in page
        assert "<strong>Correction:</strong> Price fixed." in page
        feed = client.get("/feed/").content.decode()
        assert f"<title>Advertisement: {article.headline}</title>" in feed
