import factory

from newsdesk.galleries.tests.factories import ImageFactory
from newsdesk.videos.models import Video


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Video {n}")
    slug = factory.Sequence(lambda n: f"video-{n}")
    caption = "Galaxy S7 im Hands-On"
    provider = Video.Provider.YOUTUBE
    provider_id = "abcdefghijk"
    poster = factory.SubFactory(ImageFactory)
    is_published = True
