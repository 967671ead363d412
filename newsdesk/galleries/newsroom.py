"""The newsroom's media pages under /newsroom/medien/: library, bulk upload, gallery builder,
focal point and a quick video form.

Every page can run inside the article form's dialog (``?dialog=1``): it then drops the page
chrome and, once the editor picks or saves something, hands it to the article through the
``newsdesk:embed-chosen`` contract (docs/newsroom-medien.md). Rights are the model admins' own:
whatever ``GalleryAdmin``, ``ImageAdmin`` and ``VideoAdmin`` allow a user, these pages allow,
and nothing more.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from newsdesk.desk.media import record_media_change
from newsdesk.security.fields import strip_control_characters
from newsdesk.videos.models import Video

from .models import Gallery, Image
from .renditions import CROP_RATIOS, crop_name
from .services import BuilderItem, save_gallery, set_focal_point, upload_image

LIBRARY_KINDS = {
    "bilderstrecken": _("Bilderstrecken"),
    "bilder": _("Bilder"),
    "videos": _("Videos"),
}
PER_KIND = 60  # one screen of thumbnails per kind; search narrows it down


def _text(request: HttpRequest, name: str, max_length: int) -> str:
    """A posted text field as the newsroom's forms clean it (no control characters)."""
    return strip_control_characters(request.POST.get(name, "")).strip()[:max_length]


def _model_admin(model):
    return admin.site.get_model_admin(model)


def _require(request: HttpRequest, model, action: str, obj=None) -> None:
    """Refuse unless the model admin grants ``action`` ("view", "add" or "change")."""
    model_admin = _model_admin(model)
    allowed = getattr(model_admin, f"has_{action}_permission")
    if not (allowed(request, obj) if action != "add" else allowed(request)):
        raise PermissionDenied


def _log(request: HttpRequest, obj, flag: int, message: str) -> None:
    """The change goes into the object's history and the start page's media record."""
    record_media_change(request.user, obj, message, action_flag=flag)


def _check_image_texts(request: HttpRequest, items: list[BuilderItem]) -> None:
    """Captions and credits change only on pictures the user may change (ImageAdmin decides:
    a picture readers already see is the Redaktion's)."""
    images = Image.objects.in_bulk([item.image_id for item in items])
    image_admin = _model_admin(Image)
    refused = [
        image.title
        for item in items
        if (image := images.get(item.image_id)) is not None
        and (image.caption, image.credit, image.alt_text)
        != (item.caption, item.credit, item.alt_text)
        and not image_admin.has_change_permission(request, image)
    ]
    if refused:
        raise ValidationError(
            _(
                "Diese Bilder sind schon öffentlich; ihre Bildtexte ändert nur die Redaktion: "
                "%(titles)s"
            )
            % {"titles": ", ".join(refused)}
        )


def _context(request: HttpRequest, title: str, **extra) -> dict:
    in_dialog = request.GET.get("dialog") == "1"
    return {
        **admin.site.each_context(request),
        "title": title,
        "is_popup": in_dialog,  # the admin's base template then drops header and breadcrumbs
        "in_dialog": in_dialog,
        "dialog_query": "?dialog=1" if in_dialog else "",
        **extra,
    }


def _embed_chosen(request: HttpRequest, kind: str, obj, lead_image=None) -> TemplateResponse:
    """The page that hands a gallery or video back to the article form and closes.

    ``lead_image``: a picture the article form takes as its lead image as well.
    """
    payload = {"type": kind, "slug": obj.slug, "title": obj.title}
    if lead_image is not None:
        payload["lead_image"] = {"id": lead_image.pk, "title": str(lead_image)}
    return TemplateResponse(
        request,
        "galleries/newsroom/embed_chosen.html",
        _context(request, _("Eingefügt"), payload=payload, token=f"[[{kind}:{obj.slug}]]"),
    )


# Library


@xframe_options_sameorigin
def library(request: HttpRequest) -> TemplateResponse:
    _require(request, Image, "view")
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("art", "")
    without_credit = request.GET.get("ohne_nachweis") == "1"
    shown = [kind] if kind in LIBRARY_KINDS else list(LIBRARY_KINDS)

    galleries = images = videos = None
    if "bilderstrecken" in shown:
        galleries = Gallery.objects.annotate(image_count=Count("items")).select_related("cover")
        if query:
            galleries = galleries.filter(Q(title__icontains=query) | Q(slug__icontains=query))
        if without_credit:
            galleries = galleries.filter(images__credit="").distinct()
        galleries = list(galleries[:PER_KIND])
    if "bilder" in shown:
        images = Image.objects.all()
        if query:
            images = images.filter(
                Q(title__icontains=query)
                | Q(caption__icontains=query)
                | Q(credit__icontains=query)
                | Q(alt_text__icontains=query)
            )
        if without_credit:
            images = images.filter(credit="")
        images = list(images[:PER_KIND])
    if "videos" in shown and not without_credit:
        videos = Video.objects.select_related("poster")
        if query:
            videos = videos.filter(Q(title__icontains=query) | Q(caption__icontains=query))
        videos = list(videos[:PER_KIND])

    return TemplateResponse(
        request,
        "galleries/newsroom/library.html",
        _context(
            request,
            _("Mediathek"),
            query=query,
            kind=kind,
            kinds=LIBRARY_KINDS,
            without_credit=without_credit,
            galleries=galleries,
            images=images,
            videos=videos,
        ),
    )


@xframe_options_sameorigin
def choose(request: HttpRequest, kind: str, pk: int) -> TemplateResponse:
    """Reuse: hand an existing gallery or video from the library to the article."""
    model = {"gallery": Gallery, "video": Video}.get(kind)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    _require(request, model, "view", obj)
    return _embed_chosen(request, kind, obj)


# Bulk upload and gallery builder


@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    """One file of a bulk upload (the browser sends them one by one, with progress each).

    201 with the stored image, or 400 with a German message for this file alone.
    """
    _require(request, Image, "add")
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": _("Es kam keine Datei an.")}, status=400)
    try:
        image = upload_image(
            upload,
            title=strip_control_characters(upload.name or "")[:200],
            credit=_text(request, "credit", 200),
            alt_text=_text(request, "alt_text", 300),
            uploaded_by=request.user,
        )
    except ValidationError as error:
        return JsonResponse({"name": upload.name, "error": " ".join(error.messages)}, status=400)
    _log(request, image, ADDITION, "Mit der Mehrfachauswahl hochgeladen.")
    return JsonResponse(_image_json(image), status=201)


def _image_json(image: Image) -> dict:
    return {
        "id": image.pk,
        "title": image.title,
        "thumbnail": image.file.url,
        "caption": image.caption,
        "credit": image.credit,
        "alt_text": image.alt_text,
        "focal_url": reverse("newsroom_media:image", args=[image.pk]),
    }


def _builder_items(request: HttpRequest) -> tuple[list[BuilderItem], list[int]]:
    removed = {value for value in request.POST.getlist("remove") if value.isdigit()}
    items = []
    for value in request.POST.getlist("image"):
        if not value.isdigit() or value in removed:
            continue
        items.append(
            BuilderItem(
                image_id=int(value),
                caption=_text(request, f"caption-{value}", 500),
                credit=_text(request, f"credit-{value}", 200),
                alt_text=_text(request, f"alt-{value}", 300),
            )
        )
    return items, [int(value) for value in removed]


@xframe_options_sameorigin
def gallery_builder(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create (``pk`` None) or edit a gallery: upload, order, caption, credit, cover."""
    gallery = get_object_or_404(Gallery, pk=pk) if pk else None
    if gallery is None:
        _require(request, Gallery, "add")
    else:
        _require(request, Gallery, "change", gallery)

    errors: list[str] = []
    file_errors: list[dict] = []
    if request.method == "POST":
        items, _removed = _builder_items(request)
        cover = request.POST.get("cover", "")
        stored: list[str] = []
        try:
            with transaction.atomic():
                # Without JavaScript the files come with the form: good ones join the gallery,
                # each bad one gets its own message, and the form is shown again.
                credit_for_all = _text(request, "credit_all", 200)
                alt_for_all = _text(request, "alt_all", 300)
                for upload_file in request.FILES.getlist("files"):
                    try:
                        image = upload_image(
                            upload_file,
                            credit=credit_for_all,
                            alt_text=alt_for_all,
                            uploaded_by=request.user,
                        )
                    except ValidationError as error:
                        file_errors.append(
                            {"name": upload_file.name, "error": " ".join(error.messages)}
                        )
                        continue
                    stored.append(image.file.name)
                    items.append(BuilderItem(image.pk, credit=credit_for_all, alt_text=alt_for_all))
                _check_image_texts(request, items)
                saved = save_gallery(
                    gallery,
                    title=_text(request, "title", 200),
                    items=items,
                    cover_id=int(cover) if cover.isdigit() else None,
                )
        except ValidationError as error:
            errors = error.messages
            for name in stored:  # their rows were rolled back; the files must go too
                default_storage.delete(name)
        else:
            _log(
                request,
                saved,
                CHANGE if gallery else ADDITION,
                _("Im Bilderstrecken-Baukasten gesichert (%(count)d Bilder).")
                % {"count": len(items)},
            )
            if file_errors:
                messages.warning(
                    request,
                    _("Nicht übernommen: %(files)s")
                    % {"files": "; ".join(f"{e['name']}: {e['error']}" for e in file_errors)},
                )
            elif "_insert" in request.POST:
                lead = saved.cover_image() if "_lead_image" in request.POST else None
                return _embed_chosen(request, "gallery", saved, lead_image=lead)
            messages.success(request, _("Die Bilderstrecke ist gesichert."))
            url = reverse("newsroom_media:gallery", args=[saved.pk])
            return HttpResponseRedirect(url + _context(request, "")["dialog_query"])
        rows = _rows_from_post(request, items)
    elif gallery is not None:
        rows = [
            {
                "image": image,
                "caption": image.caption,
                "credit": image.credit,
                "alt_text": image.alt_text,
            }
            for image in gallery.ordered_images()
        ]
    else:
        # "Neue Bilderstrecke aus Auswahl" in the library hands over image ids.
        chosen = [int(v) for v in request.GET.getlist("bild") if v.isdigit()]
        by_id = Image.objects.in_bulk(chosen)
        rows = [
            {
                "image": by_id[i],
                "caption": by_id[i].caption,
                "credit": by_id[i].credit,
                "alt_text": by_id[i].alt_text,
            }
            for i in chosen
            if i in by_id
        ]

    if request.method == "POST":
        title = request.POST.get("title", "")
        cover_id = request.POST.get("cover", "")
    else:
        title = gallery.title if gallery else request.GET.get("titel", "")[:200]
        cover_id = str(gallery.cover_id or "") if gallery else ""
    return TemplateResponse(
        request,
        "galleries/newsroom/builder.html",
        _context(
            request,
            _("Bilderstrecke bearbeiten") if gallery else _("Neue Bilderstrecke"),
            gallery=gallery,
            gallery_title=title,
            rows=rows,
            cover_id=cover_id,
            errors=errors,
            file_errors=file_errors,
            upload_url=reverse("newsroom_media:upload"),
            # The row <template> the browser fills for each uploaded file.
            placeholder_row={"image": {"pk": "__ID__", "title": "", "file": {"url": ""}}},
            accept="image/jpeg,image/png,image/webp,image/gif",
        ),
        status=400 if errors else 200,
    )


def _rows_from_post(request: HttpRequest, items: list[BuilderItem]) -> list[dict]:
    """The rows as the editor left them, to show the form again after an error."""
    by_id = Image.objects.in_bulk([item.image_id for item in items])
    return [
        {
            "image": by_id[item.image_id],
            "caption": item.caption,
            "credit": item.credit,
            "alt_text": item.alt_text,
        }
        for item in items
        if item.image_id in by_id
    ]


# Focal point


@xframe_options_sameorigin
def image_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An image with its crops; a click on the picture sets the focal point."""
    image = get_object_or_404(Image, pk=pk)
    _require(request, Image, "view", image)
    error = ""
    if request.method == "POST":
        _require(request, Image, "change", image)
        try:
            x, y = _posted_point(request, image)
            set_focal_point(image, x, y)
        except (ValueError, ValidationError) as problem:
            error = " ".join(getattr(problem, "messages", [])) or _(
                "Der Bildmittelpunkt ließ sich nicht lesen."
            )
        else:
            _log(request, image, CHANGE, "Bildmitte gesetzt.")
            messages.success(request, _("Die Bildmitte ist gesetzt; die Zuschnitte folgen ihr."))
            url = reverse("newsroom_media:image", args=[image.pk])
            return HttpResponseRedirect(url + _context(request, "")["dialog_query"])
    version = int(image.modified_at.timestamp())  # a new focal point means new crop files
    crops = [
        {
            "ratio": ratio.replace("x", ":"),
            "url": f"{default_storage.url(crop_name(image.file.name, ratio))}?v={version}",
        }
        for ratio in CROP_RATIOS
    ]
    return TemplateResponse(
        request,
        "galleries/newsroom/image.html",
        _context(
            request,
            _("Bild: %(title)s") % {"title": image.title},
            image=image,
            crops=crops,
            error=error,
            focal_percent=(round(image.focal_x * 100, 1), round(image.focal_y * 100, 1)),
            can_change=_model_admin(Image).has_change_permission(request, image),
            picker_width=min(FOCAL_PICKER_WIDTH, image.width or FOCAL_PICKER_WIDTH),
        ),
        status=400 if error else 200,
    )


# Without JavaScript the picture is an <input type="image"> shown this many pixels wide, and the
# browser posts where it was clicked in those pixels.
FOCAL_PICKER_WIDTH = 720


def _posted_point(request: HttpRequest, image: Image) -> tuple[float, float]:
    if "x" in request.POST:
        return float(request.POST["x"]), float(request.POST["y"])
    if "x_percent" in request.POST:
        return float(request.POST["x_percent"]) / 100, float(request.POST["y_percent"]) / 100
    shown_width = min(FOCAL_PICKER_WIDTH, image.width) or 1
    shown_height = image.height * shown_width / (image.width or 1) or 1
    return (
        float(request.POST["focal.x"]) / shown_width,
        float(request.POST["focal.y"]) / shown_height,
    )


# Video


@xframe_options_sameorigin
def video_create(request: HttpRequest) -> HttpResponse:
    """A YouTube or Vimeo video from its address, with title and an optional poster."""
    _require(request, Video, "add")
    from newsdesk.videos.forms import QuickVideoForm

    form = QuickVideoForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            video = form.save()
        except ValidationError as error:  # the media disk refused the poster: nothing stored
            form.add_error("poster", error)
        else:
            _log(request, video, ADDITION, "Im Artikel angelegt.")
            if "_insert" in request.POST:
                return _embed_chosen(request, "video", video)
            messages.success(request, _("Das Video ist angelegt."))
            return HttpResponseRedirect(reverse("newsroom_media:library") + "?art=videos")
    return TemplateResponse(
        request,
        "galleries/newsroom/video_form.html",
        _context(request, _("Neues Video"), form=form),
        status=400 if form.errors else 200,
    )
