from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0004_head_document")]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("article", "Artikel"),
                    ("gallery", "Bilderstrecke"),
                    ("product", "Produkt"),
                    ("topic", "Thema"),
                    ("liveticker", "Liveticker"),
                ],
                max_length=10,
            ),
        ),
    ]
