"""Every URL pattern of the project, enumerated from the resolver, with sample arguments: the
security tests walk this list so that a new view cannot escape them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

SAMPLE_ARGUMENTS = {"int": 999999, "slug": "khong-co", "string": "khong-co", "path": "khong-co"}


@dataclass(frozen=True)
class Route:
    name: str
    view: object
    converters: tuple[tuple[str, str], ...]

    def url(self, **overrides: object) -> str:
        kwargs = {key: overrides.get(key, SAMPLE_ARGUMENTS[kind]) for key, kind in self.converters}
        return reverse(self.name, kwargs=kwargs)


def _converter_kind(converter: object) -> str:
    return type(converter).__name__.removesuffix("Converter").lower()


def project_routes(resolver: URLResolver | None = None, namespace: str = "") -> list[Route]:
    """Named routes of the project (Django's admin aside: it is Django's own, staff only)."""
    resolver = resolver or get_resolver()
    found: list[Route] = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += project_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            found.append(
                Route(
                    f"{namespace}{pattern.name}",
                    pattern.callback,
                    tuple((k, _converter_kind(v)) for k, v in converters.items()),
                )
            )
    return found
