from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from newsdesk.articles.services import publish_due
from newsdesk.core.replicas import note_change


class Command(BaseCommand):
    help = (
        "Publishes scheduled articles whose time has come. Run it every minute from cron "
        "(* * * * * newsdesk publish-due); readers see a due article even before it runs, "
        "this only flips its status. Safe to run twice at once."
    )

    def handle(self, *args, **options) -> None:
        published = publish_due()
        if published:
            # Pages re-rendered now must not come from a replica that lacks the new articles.
            note_change()
        if options["verbosity"] >= 2:
            for article in published:
                self.stdout.write(f"{article.pk}: {article.headline}")
        if options["verbosity"] >= 1:
            self.stdout.write(_("%(count)d Artikel veröffentlicht.") % {"count": len(published)})
