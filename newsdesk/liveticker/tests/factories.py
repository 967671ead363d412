from datetime import timedelta

import factory
from django.utils import timezone

from newsdesk.liveticker.models import LiveTicker


class LiveTickerFactory(factory.django.DjangoModelFactory):
    """A published, running ticker."""

    class Meta:
        model = LiveTicker
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Apple-Keynote {n} im Liveticker")
    slug = factory.Sequence(lambda n: f"apple-keynote-{n}")
    teaser = "Neue iPhones, neue Uhren: wir berichten live aus Cupertino."
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=30))
    state = LiveTicker.State.LIVE
    is_published = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def products(self, create, extracted, **kwargs):
        if create and extracted:
            self.products.set(extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)
