"""URL patterns whose module is imported only when something asks for them.

Django imports every URLconf module the first time a process reverses any name: the root
resolver fills its reverse table from all of its children. The content API's module builds its
NinjaAPI there, about 180 pydantic models, 0.4 s of CPU, and every process paid it: a
``newsdesk takedown`` from the shell, a ``bake --changed``, each task worker, although none of
them serves the API. A deferred include waits until a request falls under its prefix, a reverse
names its namespace, or the system checks walk the URLconf.
"""

from __future__ import annotations

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


class DeferredResolver(URLResolver):
    """A namespaced include that leaves its module unimported while its parent fills its table.

    The parent only needs the namespace to route a reverse here; this resolver's own table is
    filled when that reverse arrives (or once the module was imported for a request).
    """

    def _populate(self) -> None:
        if "urlconf_module" in self.__dict__:
            super()._populate()

    def _load(self) -> None:
        self.urlconf_module  # noqa: B018  (the cached property imports the module)

    @property
    def reverse_dict(self):
        self._load()
        return super().reverse_dict

    @property
    def namespace_dict(self):
        self._load()
        return super().namespace_dict

    @property
    def app_dict(self):
        self._load()
        return super().app_dict

    def _is_callback(self, name):
        self._load()
        return super()._is_callback(name)

    def _reverse_with_prefix(self, lookup_view, _prefix, *args, **kwargs):
        self._load()
        return super()._reverse_with_prefix(lookup_view, _prefix, *args, **kwargs)


def deferred_include(route: str, module: str, namespace: str) -> DeferredResolver:
    """``path(route, include((module, namespace)))``, with the module imported on first use."""
    return DeferredResolver(
        RoutePattern(route, is_endpoint=False), module, app_name=namespace, namespace=namespace
    )


def import_all(resolver: URLResolver | None = None) -> None:
    """Import every URLconf module below ``resolver`` (the root), deferred ones included."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            import_all(pattern)
