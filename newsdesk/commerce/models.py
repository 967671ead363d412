"""Products (what is sold), shops (who sells) and offers (a shop's price for a product).

Kept apart the way django-oscar separates catalogue from partner: a product exists once, each
shop has its own offer. Offer links are advertising and are labelled wherever they appear.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.core.models import TimeStamped
from newsdesk.galleries.models import Image


class ProductQuerySet(models.QuerySet):
    def published(self) -> ProductQuerySet:
        return self.filter(is_published=True)


class Product(TimeStamped):
    name = models.CharField(_("Name"), max_length=200, help_text=_("z. B. „Galaxy S7“"))
    slug = models.SlugField(
        _("Kurzname"),
        max_length=200,
        unique=True,
        help_text=_("Teil der Adresse; einbetten mit [[product:kurzname]]."),
    )
    maker = models.CharField(_("Hersteller"), max_length=100, help_text=_("z. B. „Samsung“"))
    image = models.ForeignKey(
        Image,
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    specs = models.TextField(
        _("Eckdaten"),
        blank=True,
        help_text=_("Eine Angabe pro Zeile, „Merkmal: Wert“, z. B. „Display: 5,1 Zoll“."),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    is_published = models.BooleanField(_("veröffentlicht"), default=False)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("Produkt")
        verbose_name_plural = _("Produkte")
        ordering = ["maker", "name"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("commerce:product", kwargs={"slug": self.slug})

    @property
    def full_name(self) -> str:
        """ "Samsung Galaxy S7", without doubling a maker that is already in the name."""
        if self.name.lower().startswith(self.maker.lower()):
            return self.name
        return f"{self.maker} {self.name}".strip()

    def spec_items(self) -> list[tuple[str, str]]:
        items = []
        for line in self.specs.splitlines():
            if ":" in line:
                key, value = line.split(":", 1)
                items.append((key.strip(), value.strip()))
            elif line.strip():
                items.append((line.strip(), ""))
        return items


class Shop(TimeStamped):
    name = models.CharField(_("Name"), max_length=100, unique=True)
    domains = models.CharField(
        _("Erlaubte Domains"),
        max_length=500,
        help_text=_(
            "Kommagetrennt, z. B. „amazon.de, www.amazon.de“. Angebots-Links müssen auf "
            "eine dieser Domains zeigen."
        ),
    )

    class Meta:
        verbose_name = _("Shop")
        verbose_name_plural = _("Shops")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def domain_list(self) -> list[str]:
        return [d.strip().lower() for d in self.domains.split(",") if d.strip()]

    def allows_url(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domain_list())

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # The domain list is the editors' standing approval of destinations: a domain added
        # enables the offers that point there, a domain removed disables them again (offers an
        # editor approved one by one stay approved).
        for offer in self.offers.select_related("shop"):
            offer.shop = self
            offer.refresh_approval()


APPROVAL_FIELDS = ["approved_url", "approved_by", "approved_at"]


class OfferQuerySet(models.QuerySet):
    def live(self) -> OfferQuerySet:
        """Offers readers may follow: switched on and pointing where an editor approved."""
        return self.filter(is_active=True, url=F("approved_url"))

    def active(self) -> OfferQuerySet:
        return self.live().filter(product__is_published=True)

    def held(self) -> OfferQuerySet:
        """Offers whose destination changed to somewhere nobody approved."""
        return self.exclude(url=F("approved_url"))


class Offer(TimeStamped):
    product = models.ForeignKey(
        Product, verbose_name=_("Produkt"), on_delete=models.CASCADE, related_name="offers"
    )
    shop = models.ForeignKey(
        Shop, verbose_name=_("Shop"), on_delete=models.PROTECT, related_name="offers"
    )
    label = models.CharField(
        _("Zusatz"),
        max_length=100,
        blank=True,
        help_text=_("z. B. „mit Vertrag“; leer für den Kauf ohne Zusatz."),
    )
    price = models.DecimalField(
        _("Preis (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    url = models.URLField(
        _("Ziel-Adresse"),
        max_length=1000,
        help_text=_("Nur https-Adressen einer der Domains des Shops."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    position = models.PositiveIntegerField(_("Position"), default=0)
    click_count = models.PositiveIntegerField(_("Klicks"), default=0, editable=False)
    # The destination readers are sent to only while ``url`` equals it (TRUST.md C5): a URL
    # that changes to http:// or to a domain outside the shop's list (by an import, a feed or
    # a direct database write) disables the link until an editor approves it.
    approved_url = models.URLField(
        _("freigegebene Ziel-Adresse"), max_length=1000, blank=True, editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("freigegeben von"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leer, wenn die Domain in der Liste des Shops steht."),
    )
    approved_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True, editable=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["position", "price", "id"]

    def __str__(self) -> str:
        return self.link_text

    def clean(self) -> None:
        if self.url and urlsplit(self.url).scheme != "https":
            raise ValidationError({"url": _("Angebots-Links müssen mit https:// beginnen.")})
        if self.url and self.shop_id and not self.shop.allows_url(self.url):
            raise ValidationError(
                {
                    "url": _("Diese Adresse gehört nicht zu den Domains des Shops (%(domains)s).")
                    % {"domains": self.shop.domains}
                }
            )

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "url" in update_fields:
            if self.approve_by_shop_list() and update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *APPROVAL_FIELDS}
        super().save(*args, **kwargs)

    def destination_problem(self) -> str | None:
        """Why the shop's domain list does not cover ``url``, in German; None when it does."""
        if urlsplit(self.url).scheme != "https":
            return gettext("Ziel-Adresse ohne https")
        if not self.shop.allows_url(self.url):
            return gettext("Domain nicht in der Liste des Shops")
        return None

    def approve_by_shop_list(self) -> bool:
        """Approve ``url`` when the shop's domain list covers it. True if anything changed."""
        if self.url == self.approved_url or self.destination_problem() is not None:
            return False
        self.approved_url, self.approved_by, self.approved_at = self.url, None, timezone.now()
        return True

    def refresh_approval(self) -> None:
        """Follow a change of the shop's domain list (explicit approvals stay)."""
        if self.approve_by_shop_list():
            self.save(update_fields=APPROVAL_FIELDS)
        elif (
            self.approved_url
            and self.approved_by_id is None
            and not self.shop.allows_url(self.approved_url)
        ):
            self.approved_url, self.approved_at = "", None
            self.save(update_fields=APPROVAL_FIELDS)

    def approve(self, user) -> None:
        """An editor's explicit approval of an https destination outside the shop's list."""
        if urlsplit(self.url).scheme != "https":
            raise ValidationError(
                gettext("Angebots-Links müssen mit https:// beginnen."), code="insecure"
            )
        self.approved_url, self.approved_by, self.approved_at = self.url, user, timezone.now()
        self.save(update_fields=APPROVAL_FIELDS)

    @property
    def is_link_live(self) -> bool:
        """Whether ``/go/`` may send readers to ``url`` (checked again at every click)."""
        return (
            self.is_active
            and bool(self.url)
            and self.url == self.approved_url
            and urlsplit(self.url).scheme == "https"
        )

    def get_absolute_url(self) -> str:
        """The tracked link readers click; the destination comes from the database only."""
        return reverse("commerce:go", kwargs={"offer_id": self.pk})

    @property
    def link_text(self) -> str:
        """ "Galaxy S7 bei Amazon kaufen" or "Galaxy S7 mit Vertrag bei O2"."""
        names = {"product": self.product.name, "shop": self.shop.name, "label": self.label}
        if self.label:
            return gettext("%(product)s %(label)s bei %(shop)s") % names
        return gettext("%(product)s bei %(shop)s kaufen") % names


class OfferClick(models.Model):
    """One counted click. Nothing about the reader is stored."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="clicks")
    clicked_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Klick")
        verbose_name_plural = _("Klicks")

    def __str__(self) -> str:
        return f"{self.offer_id} @ {self.clicked_at:%Y-%m-%d %H:%M}"
