import factory

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Leser {n}")
    author_email = factory.Sequence(lambda n: f"leser{n}@example.org")
    body = "Spannender Artikel, danke!"
    status = Comment.Status.APPROVED
