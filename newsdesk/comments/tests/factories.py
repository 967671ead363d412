import factory

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments.models import Comment, EmailDomainRule, WordRule


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Leser {n}")
    author_email = factory.Sequence(lambda n: f"leser{n}@example.org")
    body = "Spannender Artikel, danke!"
    status = Comment.Status.APPROVED


class WordRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WordRule
        django_get_or_create = ["word"]

    word = factory.Sequence(lambda n: f"wort{n}")
    kind = WordRule.Kind.SUSPECT


class EmailDomainRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailDomainRule

    domain = factory.Sequence(lambda n: f"spam{n}.example")
    action = EmailDomainRule.Action.BAN
