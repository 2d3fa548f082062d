"""Who the participants of a REFI-QDA project are, and their attributes (Cases, variables, Sets)."""
from __future__ import annotations

import warnings

from ._xml import kid, kids, local, ref

__all__ = ["variables", "variable_declarations", "cases", "sets", "typed_frame"]

_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")
_SET_MEMBERS = (("MemberSource", "source"), ("MemberCode", "code"), ("MemberNote", "note"))
# REFI-QDA typeOfVariable -> pandas dtype of the attribute's column
_DTYPES = {"Integer": "Int64", "Float": "float64", "Boolean": "boolean", "Date": "datetime64[ns]",
           "DateTime": "datetime64[ns]", "Text": "object"}


def variable_declarations(root):
    """``{guid: name}`` and ``{name: typeOfVariable}`` of the project's ``Variables``."""
    names, types = {}, {}
    for v in kids(kid(root, "Variables"), "Variable"):
        names[v.get("guid")] = v.get("name")
        types[v.get("name")] = v.get("typeOfVariable")
    return names, types


def _value(vv):
    for c in vv:
        tag = local(c.tag)
        if tag not in _VALUE_TAGS:
            continue
        text = (c.text or "").strip()
        if tag in ("IntegerValue", "FloatValue"):
            try:
                return int(text) if tag == "IntegerValue" else float(text)
            except ValueError:
                return text
        if tag == "BooleanValue":
            return text.lower() in ("true", "1")
        return text if tag in ("DateValue", "DateTimeValue") else c.text
    return None


def variables(el, variable_names):
    """``{name: value}`` of the ``VariableValue``\\ s of a Case or a source."""
    out = {}
    for vv in kids(el, "VariableValue"):
        r = kid(vv, "VariableRef")
        target = ref(r) if r is not None else None
        name = variable_names.get(target, target)
        if name is not None:
            out[name] = _value(vv)
    return out


def typed_frame(rows, columns, types, label):
    """A DataFrame whose variable columns have the dtype their ``typeOfVariable`` declares."""
    import pandas as pd

    frame = pd.DataFrame(rows or None, columns=columns)
    for col in frame.columns:
        dtype = _DTYPES.get(types.get(col))
        if dtype is None or dtype == "object":
            continue
        try:
            if dtype.startswith("datetime"):
                frame[col] = pd.to_datetime(frame[col], errors="raise", format="ISO8601")
            else:
                frame[col] = frame[col].astype(dtype)
        except (TypeError, ValueError) as exc:
            warnings.warn(f"{label}: variable {col!r} is declared {types[col]} but holds other values ({exc}); "
                          "kept as read.", stacklevel=4)
    return frame


def cases(root, sources, variable_names):
    """Participants: source -> owners, selection -> owner, participant -> attributes, sources in no Case.

    Named Cases are the participants when the project has any: a source in
    none of them is no participant (returned in the last item).  Without
    named Cases, an anonymous Case pointing at one source names its
    participant after the source, and a source in no Case is a participant
    of its own.
    """
    source_participants, selection_participant, attributes, used = {}, {}, {}, set()
    all_cases = kids(kid(root, "Cases"), "Case")
    named = any(c.get("name") for c in all_cases)
    for case in all_cases:
        src_refs = [ref(r) for r in kids(case, "SourceRef")]
        name = case.get("name")
        if not name:
            name = sources.names.get(src_refs[0], src_refs[0]) if len(src_refs) == 1 else case.get("guid")
        if name in used:
            name = f"{name} [{case.get('guid')}]"
        used.add(name)
        attributes.setdefault(name, {}).update(variables(case, variable_names))
        for s in src_refs:
            source_participants.setdefault(s, []).append(name)
        for r in kids(case, "SelectionRef"):
            selection_participant[ref(r)] = name
    selected_in = {sources.selection_source.get(s) for s in selection_participant}
    uncased = []
    for row in sources.rows:
        owners = source_participants.get(row["source_id"])
        if not owners and named:
            if row["source_id"] not in selected_in:
                uncased.append(row["source"])
            continue
        if not owners:  # a source in no case is a participant of its own
            owners = source_participants[row["source_id"]] = [row["source"]]
            attributes.setdefault(row["source"], {})
        for owner in owners if len(owners) == 1 else []:
            for k, v in row["_variables"].items():
                attributes[owner].setdefault(k, v)
    return source_participants, selection_participant, attributes, uncased


def _set_member(member_type, target, sources, code_by_id):
    if member_type == "source":
        return sources.names.get(target, target)
    if member_type == "code":
        return code_by_id[target]["code_path"] if target in code_by_id else target
    return target


def sets(root, sources, code_by_id, source_participants, attributes):
    """One row per set member, and the sets' attributes added to ``attributes``.

    A set named ``"attribute: value"`` gives that value to the participants of
    its member sources; any other set with member sources (a MAXQDA document
    set, an ATLAS.ti document group) becomes a True/False attribute named
    after the set (``"set: <name>"`` if a variable has its name).
    """
    rows, conflicts, groups = [], [], {}
    for st in kids(kid(root, "Sets"), "Set"):
        set_name = st.get("name") or st.get("guid")
        attr = value = None
        if ":" in set_name:
            a, v = (x.strip() for x in set_name.split(":", 1))
            if a and v:
                attr, value = a, v
        for member_tag, member_type in _SET_MEMBERS:
            for m in kids(st, member_tag):
                target = ref(m)
                rows.append({"set": set_name, "attribute": attr, "value": value, "member_type": member_type,
                             "member_id": target,
                             "member": _set_member(member_type, target, sources, code_by_id)})
                if member_type != "source":
                    continue
                if attr is None:
                    groups.setdefault(set_name, set()).update(source_participants.get(target, []))
                    continue
                for owner in source_participants.get(target, []):
                    have = attributes[owner].get(attr)
                    if have is None:
                        attributes[owner][attr] = value
                    elif have != value:
                        conflicts.append((owner, attr, have, value))
    if conflicts:
        owner, attr, have, value = conflicts[0]
        warnings.warn(
            f"{sources.label}: {len(conflicts)} conflicting attribute value(s) from sets, e.g. participant "
            f"{owner!r} has {attr} = {have!r} and is also in set '{attr}: {value}'; the first is kept.",
            stacklevel=4,
        )
    taken = {k for a in attributes.values() for k in a}
    for set_name, members in groups.items():
        column = f"set: {set_name}" if set_name in taken or set_name == "participant" else set_name
        for owner, attrs in attributes.items():
            attrs[column] = owner in members
    return rows
