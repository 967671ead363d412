from django.core.management.base import BaseCommand

from newsdesk.api.webhooks import retry_due


class Command(BaseCommand):
    help = (
        "Retry webhook deliveries whose next attempt is due. Run every minute from cron while "
        "the task backend cannot defer tasks (the immediate backend); harmless besides a queue."
    )

    def handle(self, *args, **options) -> None:
        count = retry_due()
        if options["verbosity"] > 1:
            self.stdout.write(f"{count} deliveries attempted.")
