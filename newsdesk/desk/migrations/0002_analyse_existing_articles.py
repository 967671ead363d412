"""Analyse the articles that exist already, so the first newsroom search is not the one that
waits for all of them (about 3 ms per article)."""

from django.db import migrations
from django.utils import timezone

BATCH = 500


def analyse(apps, schema_editor):
    from newsdesk.desk.search import terms_for  # pure text analysis, no models

    Article = apps.get_model("articles", "Article")
    ArticleSearchText = apps.get_model("desk", "ArticleSearchText")
    articles = Article.objects.order_by("pk").only("pk", "headline", "teaser", "body")
    last = 0
    while True:
        batch = list(articles.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        now = timezone.now()
        ArticleSearchText.objects.bulk_create(
            ArticleSearchText(
                article_id=a.pk, terms=terms_for(a.headline, a.teaser, a.body), analysed_at=now
            )
            for a in batch
        )
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial")]

    operations = [migrations.RunPython(analyse, migrations.RunPython.noop)]
