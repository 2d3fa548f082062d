"""Small helpers over parsed REFI-QDA XML (ElementTree or lxml elements, any namespace)."""
from __future__ import annotations

__all__ = ["local", "kids", "kid", "ref", "display_name"]

_LOCAL = {}


def local(tag):
    """The tag without its namespace (``""`` for comments and processing instructions)."""
    try:
        return _LOCAL[tag]
    except KeyError:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_LOCAL) < 10_000:
            _LOCAL[tag] = name
        return name
    except TypeError:  # unhashable: never a tag
        return ""


def kids(el, name):
    """The children of ``el`` named ``name`` in any namespace or none (none when ``el`` is None)."""
    if el is None:
        return []
    iterchildren = getattr(el, "iterchildren", None)
    if iterchildren is not None:  # lxml: matched in C
        return list(iterchildren("{*}" + name))
    return [c for c in el if local(c.tag) == name]


def kid(el, name):
    """The first child of ``el`` named ``name`` in any namespace or none, or None."""
    if el is None:
        return None
    iterchildren = getattr(el, "iterchildren", None)
    if iterchildren is not None:
        return next(iterchildren("{*}" + name), None)
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def ref(el):
    """The GUID an element points at (``targetGUID``, or ``guid`` as in codebook files)."""
    return el.get("targetGUID") or el.get("guid")


def display_name(el):
    """An element's ``name``, else the stem of its file path, else its GUID."""
    name = el.get("name")
    if name:
        return name
    for attr in ("plainTextPath", "path", "richTextPath", "currentPath"):
        value = el.get(attr)
        if value:
            base = value.split("://", 1)[-1].replace("\\", "/").rsplit("/", 1)[-1]
            return base.rsplit(".", 1)[0] if "." in base else base
    return el.get("guid")
