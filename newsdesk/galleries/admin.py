"""Images and galleries in the newsroom."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsdesk.desk.media import ReviewedMediaAdmin
from newsdesk.newsroom.options import NewsroomModelAdmin, PartOfParentInline

from .models import Gallery, GalleryImage, Image
from .renditions import make_renditions
from .services import check_gallery_publishable
from .storage_errors import MediaNotStored, stored_whole_or_not_at_all
from .uploads import normalise_upload


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["title", "file", "caption", "alt_text", "credit"]
        # A plain file field: normalise_upload does all checking, with its own German messages.
        field_classes = {"file": forms.FileField}
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The uploaded name is thrown away (see normalise_upload), so its length is no reason
        # to refuse a picture.
        if "file" in self.fields:  # not when the picture opens read-only
            self.fields["file"].max_length = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            # Only the re-encoded copy under a generated name is ever stored.
            return normalise_upload(upload)
        return upload


@admin.register(Image)
class ImageAdmin(ReviewedMediaAdmin, NewsroomModelAdmin):
    form = ImageForm
    # Links to the media library, the builder and the focal point (galleries/newsroom.py).
    change_form_template = "galleries/admin/change_form.html"
    change_list_template = "galleries/admin/change_list.html"
    list_display = ["thumbnail", "title", "credit", "width", "height", "created_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "caption", "credit"]
    readonly_fields = ["thumbnail", "width", "height", "uploaded_by"]

    @admin.display(description=gettext_lazy("Vorschau"))
    def thumbnail(self, image: Image) -> str:
        if not image.file:
            return "–"
        return format_html(
            '<img src="{}" alt="{}" width="120" loading="lazy">',
            image.thumbnail_url,
            image.alt_text,
        )

    def save_model(self, request: HttpRequest, obj: Image, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        if "file" not in form.changed_data:
            super().save_model(request, obj, form, change)
            return
        with stored_whole_or_not_at_all(obj):
            super().save_model(request, obj, form, change)
            make_renditions(obj.file.name, focal=obj.focal_point)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except MediaNotStored as error:
            # The form was valid; the disk refused the picture after it. The transaction is
            # rolled back and the files are gone: the editor reads why and starts again.
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class GalleryAsEdited:
    """A gallery as the unsaved form has it, for ``check_gallery_publishable``."""

    def __init__(self, images: list[Image]):
        self.images = images

    def ordered_images(self) -> list[Image]:
        return self.images


class GalleryImageFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if not self.instance.is_published or any(self.errors):
            return
        rows = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data.get("image") and not form.cleaned_data.get("DELETE")
        ]
        images = [row["image"] for row in sorted(rows, key=lambda row: row.get("position") or 0)]
        check_gallery_publishable(GalleryAsEdited(images))


class GalleryImageInline(PartOfParentInline, admin.TabularInline):
    model = GalleryImage
    formset = GalleryImageFormSet
    autocomplete_fields = ["image"]
    readonly_fields = ["credit"]
    extra = 1

    @admin.display(description=gettext_lazy("Bildnachweis"))
    def credit(self, item: GalleryImage) -> str:
        if not item.pk:
            return ""
        return item.image.credit or _("fehlt")


@admin.register(Gallery)
class GalleryAdmin(ReviewedMediaAdmin, NewsroomModelAdmin):
    change_form_template = "galleries/admin/change_form.html"
    change_list_template = "galleries/admin/change_list.html"
    list_display = ["title", "slug", "is_published", "image_count", "modified_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [GalleryImageInline]
    actions = ["publish"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description=gettext_lazy("Bilder"), ordering="item_count")
    def image_count(self, gallery: Gallery) -> int:
        return gallery.item_count

    @admin.action(
        description=gettext_lazy("Ausgewählte Bilderstrecken veröffentlichen"),
        permissions=["change"],
    )
    def publish(self, request: HttpRequest, queryset) -> None:
        published = 0
        for gallery in queryset.filter(is_published=False):
            try:
                check_gallery_publishable(gallery)
            except ValidationError as error:
                messages.error(request, f"{gallery}: {' '.join(error.messages)}")
                continue
            gallery.is_published = True
            gallery.save(update_fields=["is_published", "modified_at"])
            self.log_change(request, gallery, _("Veröffentlicht."))
            published += 1
        if published:
            messages.success(
                request,
                ngettext(
                    "%(count)d Bilderstrecke veröffentlicht.",
                    "%(count)d Bilderstrecken veröffentlicht.",
                    published,
                )
                % {"count": published},
            )
