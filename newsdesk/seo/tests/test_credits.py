"""Publishing is blocked while a picture the article shows has no credit (§ 13 UrhG)."""

import pytest
from django.core.exceptions import ValidationError

from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.commerce.tests.factories import ProductFactory
from newsdesk.galleries.tests.factories import ImageFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db


def test_publishing_is_blocked_while_a_shown_picture_lacks_its_credit():
    VideoFactory(slug="s7-video", title="S7 ausgepackt", poster=ImageFactory(credit=""))
    product = ProductFactory(name="Galaxy S7", image=ImageFactory(credit=" "))
    article = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body="[[video:s7-video]]"
    )
    article.products.add(product)
    problems = services.publication_problems(article)
    assert "Das Vorschaubild des Videos „S7 ausgepackt“ hat keinen Bildnachweis." in problems
    assert "Das Bild des Produkts „Samsung Galaxy S7“ hat keinen Bildnachweis." in problems
    editor = newsroom_user(EDITOR, "rita")
    with pytest.raises(ValidationError) as refused:
        services.publish_article(article, editor)
    assert (
        "Das Bild des Produkts „Samsung Galaxy S7“ hat keinen Bildnachweis."
        in refused.value.messages
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
