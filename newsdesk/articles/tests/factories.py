from datetime import timedelta

import factory
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleAuthor, ArticleSource, Author, Topic


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Autorin {n}")
    slug = factory.Sequence(lambda n: f"autorin-{n}")
    bio = "Schreibt über Smartphones."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published news article by one author, unless told otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = Article.Kind.NEWS
    headline = factory.Sequence(lambda n: f"Wird das Galaxy S{n} teurer?")
    slug = factory.Sequence(lambda n: f"wird-das-galaxy-s{n}-teurer")
    teaser = "Samsung plant angeblich eine Preiserhöhung."
    body = "## Was bekannt ist\n\nDer Hersteller schweigt bisher."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for position, author in enumerate(extracted or [AuthorFactory()]):
            ArticleAuthor.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            for position, name in enumerate(extracted):
                ArticleSource.objects.create(article=self, name=name, position=position)
