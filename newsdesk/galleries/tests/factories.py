import factory

from newsdesk.galleries.models import Gallery, GalleryImage, Image


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Bild {n}")
    file = factory.django.ImageField(width=1200, height=675, color="steelblue", format="JPEG")
    caption = factory.Sequence(lambda n: f"Bildunterschrift {n}")
    alt_text = "Ein Smartphone auf einem Tisch"
    credit = "Foto: Testredaktion"


class GalleryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gallery
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bilderstrecke {n}")
    slug = factory.Sequence(lambda n: f"bilderstrecke-{n}")
    is_published = True

    @factory.post_generation
    def image_count(self, create, extracted, **kwargs):
        if not create:
            return
        for position in range(extracted if extracted is not None else 3):
            GalleryImage.objects.create(gallery=self, image=ImageFactory(), position=position)
