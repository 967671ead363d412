"""``publishing.E001``: what follows a change stays in the pipeline.

Fails when a newsdesk model that readers can reach (it has a public address or a published
flag) is not a registered content type, or when a model signal of a newsdesk model is
connected outside ``newsdesk.publishing``.
"""

from __future__ import annotations

import weakref

from django.apps import apps
from django.core import checks
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_delete,
    pre_init,
    pre_save,
)

from . import registry

MODEL_SIGNALS = {
    "pre_init": pre_init,
    "post_init": post_init,
    "pre_save": pre_save,
    "post_save": post_save,
    "pre_delete": pre_delete,
    "post_delete": post_delete,
    "m2m_changed": m2m_changed,
}
# Models with an address that are not content: the offer's address is its tracked /go/ link.
NOT_CONTENT = {"commerce.offer"}
PIPELINE = "newsdesk.publishing."


def is_content_model(model) -> bool:
    if not model.__module__.startswith("newsdesk.") or model._meta.label_lower in NOT_CONTENT:
        return False
    has_flag = any(field.name == "is_published" for field in model._meta.concrete_fields)
    return has_flag or hasattr(model, "get_absolute_url")


def unregistered_content_models() -> list[str]:
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if is_content_model(model) and not registry.is_registered(model)
    )


def foreign_receivers() -> list[str]:
    """``module.function (signal)`` of every model-signal receiver of newsdesk outside the
    pipeline."""
    found = []
    for name, signal in MODEL_SIGNALS.items():
        for _key, receiver, *_rest in signal.receivers:
            if isinstance(receiver, weakref.ReferenceType):
                receiver = receiver()
            if receiver is None:
                continue
            module = getattr(receiver, "__module__", "") or ""
            if module.startswith("newsdesk.") and not module.startswith(PIPELINE):
                found.append(f"{module}.{getattr(receiver, '__qualname__', receiver)} ({name})")
    return sorted(found)


@checks.register()
def check_pipeline(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for label in unregistered_content_models():
        errors.append(
            checks.Error(
                f"{label} can be seen by readers but is not a registered content type.",
                hint="Register it in newsdesk/publishing/types.py (publishing.registry).",
                obj=label,
                id="publishing.E001",
            )
        )
    for receiver in foreign_receivers():
        errors.append(
            checks.Error(
                f"Model signal receiver outside the publishing pipeline: {receiver}.",
                hint="Note the change in newsdesk/publishing/receivers.py and follow.py.",
                obj=receiver,
                id="publishing.E001",
            )
        )
    return errors
