"""Reading and writing the source id → newsdesk object mapping of one import source."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from .models import ImportedObject


def checksum(*values: object) -> str:
    """A stable hash of what an item brought, to tell a changed item from an unchanged one."""
    data = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


class Mapping:
    def __init__(self, source: str):
        self.source = source
        self._types: dict[type[Model], ContentType] = {}

    def content_type(self, model: type[Model]) -> ContentType:
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model)
        return self._types[model]

    def find(self, kind: str, ids: Iterable[str]) -> dict[str, ImportedObject]:
        ids = list(ids)
        if not ids:
            return {}
        rows = ImportedObject.objects.filter(source=self.source, kind=kind, external_id__in=ids)
        return {row.external_id: row for row in rows}

    def get(self, kind: str, external_id: str) -> ImportedObject | None:
        return self.find(kind, [external_id]).get(external_id)

    def all_ids(self, kind: str) -> dict[str, int]:
        """external id → object id of every object of ``kind`` this source brought."""
        rows = ImportedObject.objects.filter(source=self.source, kind=kind)
        return dict(rows.values_list("external_id", "object_id"))

    def row(self, kind: str, external_id: str, obj: Model, digest: str) -> ImportedObject:
        return ImportedObject(
            source=self.source,
            kind=kind,
            external_id=external_id,
            content_type=self.content_type(type(obj)),
            object_id=obj.pk,
            checksum=digest,
        )

    def save(self, kind: str, external_id: str, obj: Model, digest: str) -> None:
        ImportedObject.objects.update_or_create(
            source=self.source,
            kind=kind,
            external_id=external_id,
            defaults={
                "content_type": self.content_type(type(obj)),
                "object_id": obj.pk,
                "checksum": digest,
            },
        )
