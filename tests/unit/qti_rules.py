"""A strict structural check of the QTI 2.1 that ``export qti`` writes, and a small interpreter of
its response processing, for the tests.

This is not the official IMS schema: that one, ``imsqti_v2p1.xsd`` with its imports, is shipped
unmodified in ``tests/data/qti/`` and every exported file is validated against it as well, by
``lxml`` in ``test_export_qti.py``. These rules add what an XSD does not say (references, the files
of the package) and are stricter where the exporter promises more. They follow the QTI 2.1
information model for the elements the exporter uses: each element's allowed children (in order
where the model orders them), its required and allowed attributes and their values, identifiers as
XML NCNames, XHTML content models (``p`` and ``prompt`` hold inline content only, ``pre`` no images,
lists only ``li``...), references (every variable declared, every correct identifier a choice, every
file in the package). Anything else fails.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as etree
import zipfile
from collections.abc import Iterable

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NCNAME = re.compile(r"[A-Za-z_][\w.-]*", re.ASCII)

INLINE = {
    "a", "abbr", "acronym", "b", "big", "br", "cite", "code", "dfn", "em", "i", "img", "kbd",
    "q", "samp", "small", "span", "strong", "sub", "sup", "tt", "var", "textEntryInteraction",
}  # fmt: skip
BLOCK = {
    "address", "blockquote", "div", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p",
    "pre", "table", "ul", "choiceInteraction", "orderInteraction", "matchInteraction",
}  # fmt: skip
FLOW = INLINE | BLOCK - {"choiceInteraction", "orderInteraction", "matchInteraction"}
EXPRESSIONS = {
    "match", "equal", "stringMatch", "isNull", "not", "multiple", "variable", "correct",
    "baseValue", "mapResponse",
}  # fmt: skip
RULES = {"responseCondition", "setOutcomeValue"}
CARDINALITIES = {"single", "multiple", "ordered"}
BASE_TYPES = {"identifier", "float", "string", "directedPair", "boolean", "integer"}
BOOLEAN = {"true", "false"}

# name: (required attributes, other allowed attributes)
ATTRIBUTES: dict[str, tuple[set[str], set[str]]] = {
    "assessmentItem": (
        {"identifier", "title", "adaptive", "timeDependent"},
        {"xsi:schemaLocation", "xml:lang"},
    ),
    "responseDeclaration": ({"identifier", "cardinality", "baseType"}, set()),
    "outcomeDeclaration": ({"identifier", "cardinality", "baseType"}, set()),
    "correctResponse": (set(), set()),
    "defaultValue": (set(), set()),
    "value": (set(), set()),
    "mapping": ({"defaultValue"}, {"lowerBound", "upperBound"}),
    "mapEntry": ({"mapKey", "mappedValue"}, {"caseSensitive"}),
    "itemBody": (set(), set()),
    "prompt": (set(), set()),
    "choiceInteraction": ({"responseIdentifier", "shuffle", "maxChoices"}, {"minChoices"}),
    "orderInteraction": ({"responseIdentifier", "shuffle"}, set()),
    "matchInteraction": ({"responseIdentifier", "shuffle", "maxAssociations"}, set()),
    "textEntryInteraction": ({"responseIdentifier"}, {"expectedLength"}),
    "simpleChoice": ({"identifier"}, set()),
    "simpleMatchSet": (set(), set()),
    "simpleAssociableChoice": ({"identifier", "matchMax"}, set()),
    "responseProcessing": (set(), set()),
    "responseCondition": (set(), set()),
    "responseIf": (set(), set()),
    "responseElse": (set(), set()),
    "setOutcomeValue": ({"identifier"}, set()),
    "match": (set(), set()),
    "equal": ({"toleranceMode"}, {"tolerance"}),
    "stringMatch": ({"caseSensitive"}, set()),
    "isNull": (set(), set()),
    "not": (set(), set()),
    "multiple": (set(), set()),
    "variable": ({"identifier"}, set()),
    "correct": ({"identifier"}, set()),
    "baseValue": ({"baseType"}, set()),
    "mapResponse": ({"identifier"}, set()),
    "modalFeedback": ({"outcomeIdentifier", "identifier", "showHide"}, {"title"}),
    "a": ({"href"}, {"class"}),
    "img": ({"src", "alt"}, {"class", "width", "height"}),
    "td": (set(), {"class", "colspan", "rowspan", "headers", "scope"}),
    "th": (set(), {"class", "colspan", "rowspan", "headers", "scope"}),
}
XHTML_CHILDREN = {
    "p": INLINE, "h1": INLINE, "h2": INLINE, "h3": INLINE, "h4": INLINE, "h5": INLINE,
    "h6": INLINE, "pre": INLINE - {"img", "big", "small", "sub", "sup", "textEntryInteraction"},
    "div": FLOW, "li": FLOW, "dd": FLOW, "td": FLOW, "th": FLOW, "blockquote": BLOCK,
    "ul": {"li"}, "ol": {"li"}, "dl": {"dt", "dd"}, "dt": INLINE, "address": INLINE,
    "thead": {"tr"}, "tbody": {"tr"}, "tfoot": {"tr"}, "tr": {"th", "td"},
    "table": {"caption", "col", "colgroup", "thead", "tfoot", "tbody"}, "caption": INLINE,
    "colgroup": {"col"}, "br": set(), "hr": set(), "img": set(), "col": set(),
    **{name: INLINE for name in INLINE - {"br", "img", "textEntryInteraction"}},
}  # fmt: skip
MIXED = {name for name, allowed in XHTML_CHILDREN.items() if allowed & INLINE} | {
    "prompt", "simpleChoice", "simpleAssociableChoice", "modalFeedback",
}  # fmt: skip


class Invalid(AssertionError):
    pass


def _local(element: etree.Element, namespace: str = QTI) -> str:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{namespace}}}"):
        raise Invalid(f"{tag!r} is not in the namespace {namespace}")
    return tag[len(namespace) + 2 :]


_PREFIXED = {
    f"{{{XSI}}}schemaLocation": "xsi:schemaLocation",
    "{http://www.w3.org/XML/1998/namespace}lang": "xml:lang",
}


def _attributes(element: etree.Element, name: str) -> None:
    required, allowed = ATTRIBUTES.get(name, (set(), {"class"}))
    given = {_PREFIXED.get(key, key) for key in element.attrib}
    if missing := required - given:
        raise Invalid(f"<{name}> lacks {sorted(missing)}")
    if extra := given - required - allowed:
        raise Invalid(f"<{name}> may not have {sorted(extra)}")
    language = element.get("{http://www.w3.org/XML/1998/namespace}lang")
    if language is not None and not re.fullmatch(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*", language):
        raise Invalid(f"<{name}> xml:lang {language!r} is no language tag (xs:language)")
    for key in ("shuffle", "adaptive", "timeDependent", "caseSensitive"):
        if key in element.attrib and element.get(key) not in BOOLEAN:
            raise Invalid(f"<{name} {key}={element.get(key)!r}> is not a boolean")
    for key in ("identifier", "responseIdentifier", "outcomeIdentifier"):
        if key in element.attrib and not NCNAME.fullmatch(element.get(key, "")):
            raise Invalid(f"<{name} {key}={element.get(key)!r}> is not an identifier")
    if "cardinality" in element.attrib and element.get("cardinality") not in CARDINALITIES:
        raise Invalid(f"<{name}> has cardinality {element.get('cardinality')!r}")
    if "baseType" in element.attrib and element.get("baseType") not in BASE_TYPES:
        raise Invalid(f"<{name}> has baseType {element.get('baseType')!r}")
    for key in ("maxChoices", "maxAssociations", "matchMax", "expectedLength"):
        if key in element.attrib and not element.get(key, "").isdigit():
            raise Invalid(f"<{name} {key}> is not a whole number")


def _text_allowed(element: etree.Element, name: str) -> None:
    """Element-only content may hold white space between elements, never text."""
    if name in MIXED:
        return
    for text in (element.text, *(child.tail for child in element)):
        if text and text.strip():
            raise Invalid(f"<{name}> holds text {text.strip()[:40]!r}, but not mixed content")


def _children(element: etree.Element) -> list[str]:
    return [_local(child) for child in element]


def _in_order(name: str, children: list[str], order: list[str], once: Iterable[str] = ()) -> None:
    positions = []
    for child in children:
        if child not in order:
            raise Invalid(f"<{name}> may not hold <{child}>")
        positions.append(order.index(child))
    if positions != sorted(positions):
        raise Invalid(f"<{name}>'s children are out of order: {children}")
    for child in once:
        if children.count(child) > 1:
            raise Invalid(f"<{name}> holds <{child}> more than once")


def check_content(element: etree.Element, name: str, allowed: set[str]) -> None:
    """XHTML (and interactions) under ``element``, recursively."""
    _text_allowed(element, name)
    for child in element:
        child_name = _local(child)
        if child_name not in allowed:
            raise Invalid(f"<{name}> may not hold <{child_name}>")
        _attributes(child, child_name)
        if child_name == "a" and any(_local(inner) == "a" for inner in list(child.iter())[1:]):
            raise Invalid("<a> inside <a>")
        if child_name in ("choiceInteraction", "orderInteraction", "matchInteraction"):
            _interaction(child, child_name)
        elif child_name == "textEntryInteraction":
            if len(child) or (child.text or "").strip():
                raise Invalid("<textEntryInteraction> is empty")
        else:
            check_content(child, child_name, XHTML_CHILDREN[child_name])
    if name == "table" and "tbody" not in _children(element):
        raise Invalid("<table> needs a <tbody>")


def _interaction(element: etree.Element, name: str) -> None:
    children = _children(element)
    if name == "matchInteraction":
        _in_order(name, children, ["prompt", "simpleMatchSet"], ["prompt"])
        if children.count("simpleMatchSet") != 2:
            raise Invalid("<matchInteraction> holds two <simpleMatchSet>")
    else:
        _in_order(name, children, ["prompt", "simpleChoice"], ["prompt"])
        if "simpleChoice" not in children:
            raise Invalid(f"<{name}> has no choice")
    for child in element:
        child_name = _local(child)
        _attributes(child, child_name)
        if child_name == "prompt":
            check_content(child, "prompt", INLINE - {"textEntryInteraction"})
        elif child_name == "simpleMatchSet":
            _text_allowed(child, child_name)
            for choice in child:
                if _local(choice) != "simpleAssociableChoice":
                    raise Invalid("<simpleMatchSet> holds only <simpleAssociableChoice>")
                _attributes(choice, "simpleAssociableChoice")
                check_content(choice, "simpleAssociableChoice", FLOW - {"textEntryInteraction"})
        else:
            check_content(child, child_name, FLOW - {"textEntryInteraction"})


def _expression(element: etree.Element, declared: dict[str, etree.Element]) -> None:
    name = _local(element)
    if name not in EXPRESSIONS:
        raise Invalid(f"<{name}> is no expression")
    _attributes(element, name)
    arity = {"match": 2, "equal": 2, "stringMatch": 2, "isNull": 1, "not": 1}
    if name in arity and len(element) != arity[name]:
        raise Invalid(f"<{name}> takes {arity[name]} expressions, not {len(element)}")
    if name in ("variable", "correct", "mapResponse") and element.get("identifier") not in declared:
        raise Invalid(f"<{name}> names the undeclared {element.get('identifier')!r}")
    if name in ("correct", "mapResponse"):
        declaration = declared[element.get("identifier", "")]
        wanted = "correctResponse" if name == "correct" else "mapping"
        if declaration.find(f"{{{QTI}}}{wanted}") is None:
            raise Invalid(f"<{name}> of a declaration without <{wanted}>")
    if name == "equal":
        mode = element.get("toleranceMode")
        if mode not in ("exact", "absolute", "relative"):
            raise Invalid(f"<equal toleranceMode={mode!r}>")
        if (mode == "exact") == ("tolerance" in element.attrib):
            raise Invalid("<equal> has a tolerance exactly when its mode is not exact")
        if mode != "exact":
            values = element.get("tolerance", "").split()
            if not 1 <= len(values) <= 2:
                raise Invalid("<equal tolerance> holds one or two numbers")
            [float(value) for value in values]
    if name == "baseValue":
        _value(element.text or "", element.get("baseType", ""))
    if name != "baseValue":
        _text_allowed(element, name)
    for child in element:
        _expression(child, declared)


def _value(text: str, base_type: str) -> None:
    if base_type == "float":
        float(text)
    elif base_type == "identifier" and not NCNAME.fullmatch(text):
        raise Invalid(f"{text!r} is not an identifier")
    elif base_type == "directedPair":
        parts = text.split()
        if len(parts) != 2 or not all(NCNAME.fullmatch(part) for part in parts):
            raise Invalid(f"{text!r} is not a directed pair")


def _rules(parent: etree.Element, declared: dict[str, etree.Element]) -> None:
    for rule in parent:
        name = _local(rule)
        _attributes(rule, name)
        if name == "setOutcomeValue":
            target = declared.get(rule.get("identifier", ""))
            if target is None or _local(target) != "outcomeDeclaration":
                raise Invalid(
                    f"<setOutcomeValue> of an undeclared outcome {rule.get('identifier')}"
                )
            if len(rule) != 1:
                raise Invalid("<setOutcomeValue> takes one expression")
            _expression(rule[0], declared)
        elif name == "responseCondition":
            branches = _children(rule)
            if not branches or branches[0] != "responseIf":
                raise Invalid("<responseCondition> starts with <responseIf>")
            _in_order(
                name, branches, ["responseIf", "responseElse"], ["responseIf", "responseElse"]
            )
            for branch in rule:
                _attributes(branch, _local(branch))
                body = list(branch)
                if _local(branch) == "responseIf":
                    if not body:
                        raise Invalid("<responseIf> needs its test")
                    _expression(body[0], declared)
                    body = body[1:]
                holder = etree.Element("x")
                holder.extend(body)
                _rules(holder, declared)
        else:
            raise Invalid(f"<{name}> is no response rule")


def check_item(data: bytes) -> etree.Element:
    """The item parsed, or :class:`Invalid` saying what breaks the rules."""
    item = etree.fromstring(data)
    if _local(item) != "assessmentItem":
        raise Invalid("the root is not <assessmentItem>")
    _attributes(item, "assessmentItem")
    if item.get(f"{{{XSI}}}schemaLocation", "").split()[:1] != [QTI]:
        raise Invalid("xsi:schemaLocation does not name the QTI 2.1 namespace")
    order = [
        "responseDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing",
        "modalFeedback",
    ]  # fmt: skip
    children = _children(item)
    _in_order("assessmentItem", children, order, ["itemBody", "responseProcessing"])
    _text_allowed(item, "assessmentItem")
    declared: dict[str, etree.Element] = {}
    for declaration in item:
        name = _local(declaration)
        if name not in ("responseDeclaration", "outcomeDeclaration"):
            continue
        _attributes(declaration, name)
        identifier = declaration.get("identifier", "")
        if identifier in declared:
            raise Invalid(f"{identifier} is declared twice")
        declared[identifier] = declaration
        parts = _children(declaration)
        allowed = (
            ["defaultValue", "correctResponse", "mapping"] if name[0] == "r" else ["defaultValue"]
        )
        _in_order(name, parts, allowed, allowed)
        for part in declaration:
            _attributes(part, _local(part))
            if _local(part) == "mapping":
                float(part.get("defaultValue", ""))
                if not len(part):
                    raise Invalid("<mapping> needs a <mapEntry>")
                for entry in part:
                    if _local(entry) != "mapEntry":
                        raise Invalid("<mapping> holds only <mapEntry>")
                    _attributes(entry, "mapEntry")
                    float(entry.get("mappedValue", ""))
                continue
            if not len(part):
                raise Invalid(f"<{_local(part)}> needs a <value>")
            for value in part:
                if _local(value) != "value" or len(value):
                    raise Invalid(f"<{_local(part)}> holds only <value> text")
                _value(value.text or "", declaration.get("baseType", ""))
            if declaration.get("cardinality") == "single" and len(part) > 1:
                raise Invalid(f"a single {name} has one value")
    if "SCORE" not in declared:
        raise Invalid("no SCORE outcome")
    body = item.find(f"{{{QTI}}}itemBody")
    if body is None:
        raise Invalid("no <itemBody>")
    check_content(body, "itemBody", BLOCK)
    responses = {key for key, value in declared.items() if _local(value)[0] == "r"}
    interactions = [
        element
        for element in body.iter()
        if isinstance(element.tag, str) and element.tag.endswith("Interaction")
    ]
    if {element.get("responseIdentifier") for element in interactions} != responses:
        raise Invalid("each response is an interaction's, and each interaction's is declared")
    _correct_ones_are_choices(item, interactions)
    processing = item.find(f"{{{QTI}}}responseProcessing")
    if processing is None:
        raise Invalid("no <responseProcessing>")
    _rules(processing, declared)
    for feedback in item.findall(f"{{{QTI}}}modalFeedback"):
        _attributes(feedback, "modalFeedback")
        if feedback.get("showHide") not in ("show", "hide"):
            raise Invalid("<modalFeedback showHide> is show or hide")
        if feedback.get("outcomeIdentifier") not in declared:
            raise Invalid("<modalFeedback> of an undeclared outcome")
        check_content(feedback, "modalFeedback", FLOW - {"textEntryInteraction"})
    return item


def _correct_ones_are_choices(item: etree.Element, interactions: list[etree.Element]) -> None:
    for interaction in interactions:
        declaration = next(
            element
            for element in item.iter(f"{{{QTI}}}responseDeclaration")
            if element.get("identifier") == interaction.get("responseIdentifier")
        )
        correct = [value.text or "" for value in declaration.iter(f"{{{QTI}}}value")]
        ids = [
            choice.get("identifier")
            for choice in interaction.iter()
            if _local(choice) in ("simpleChoice", "simpleAssociableChoice")
        ]
        if len(ids) != len(set(ids)):
            raise Invalid("two choices share an identifier")
        if declaration.get("baseType") == "identifier" and not set(correct) <= set(ids):
            raise Invalid(f"correct {correct} are not all choices of {ids}")
        if declaration.get("baseType") == "directedPair":
            sets = interaction.findall(f"{{{QTI}}}simpleMatchSet")
            left = {choice.get("identifier") for choice in sets[0]}
            right = {choice.get("identifier") for choice in sets[1]}
            for pair in correct:
                source, target = pair.split()
                if source not in left or target not in right:
                    raise Invalid(f"{pair} is not a pair of the two sets")


def check_package(data: bytes) -> dict[str, etree.Element]:
    """Every item of the package checked, by file name; the manifest and test checked too."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        files = {name: package.read(name) for name in names}
    manifest = etree.fromstring(files["imsmanifest.xml"])
    if _local(manifest, CP) != "manifest":
        raise Invalid("the manifest's root is not <manifest>")
    if [_local(child, CP) for child in manifest] != ["metadata", "organizations", "resources"]:
        raise Invalid("the manifest holds metadata, organizations and resources, in that order")
    schema = manifest.find(f"{{{CP}}}metadata/{{{CP}}}schema")
    if schema is None or schema.text != "QTIv2.1 Package":
        raise Invalid("the manifest does not say it is a QTI 2.1 package")
    resources = manifest.findall(f"{{{CP}}}resources/{{{CP}}}resource")
    identifiers = {resource.get("identifier") for resource in resources}
    items: dict[str, etree.Element] = {}
    listed = {"imsmanifest.xml"}
    for resource in resources:
        href = resource.get("href", "")
        kind = resource.get("type")
        if kind not in ("imsqti_item_xmlv2p1", "imsqti_test_xmlv2p1"):
            raise Invalid(f"resource type {kind}")
        if href not in names:
            raise Invalid(f"{href} is not in the package")
        for file in resource.findall(f"{{{CP}}}file"):
            listed.add(file.get("href", ""))
        for dependency in resource.findall(f"{{{CP}}}dependency"):
            if dependency.get("identifierref") not in identifiers:
                raise Invalid("a dependency on no resource")
        if kind == "imsqti_item_xmlv2p1":
            items[href] = check_item(files[href])
        else:
            _check_test(etree.fromstring(files[href]), names)
    if listed != names:
        raise Invalid(f"files not listed in the manifest: {sorted(names - listed)}")
    return items


def _check_test(test: etree.Element, names: set[str]) -> None:
    if _local(test) != "assessmentTest" or not {"identifier", "title"} <= set(test.attrib):
        raise Invalid("the test is an <assessmentTest> with an identifier and a title")
    _in_order(
        "assessmentTest",
        _children(test),
        ["outcomeDeclaration", "testPart", "outcomeProcessing"],
        ["outcomeProcessing"],
    )
    parts = test.findall(f"{{{QTI}}}testPart")
    if not parts:
        raise Invalid("a test needs a <testPart>")
    for part in parts:
        if part.get("navigationMode") not in ("linear", "nonlinear"):
            raise Invalid("testPart navigationMode")
        if part.get("submissionMode") not in ("individual", "simultaneous"):
            raise Invalid("testPart submissionMode")
        sections = part.findall(f"{{{QTI}}}assessmentSection")
        if not sections or len(sections) != len(part):
            raise Invalid("a test part holds sections only, at least one")
        for section in sections:
            if not {"identifier", "title", "visible"} <= set(section.attrib):
                raise Invalid("an assessmentSection has identifier, title and visible")
            for ref in section:
                if _local(ref) != "assessmentItemRef" or ref.get("href") not in names:
                    raise Invalid("a section refers to items of the package")
                if not NCNAME.fullmatch(ref.get("identifier", "")):
                    raise Invalid("an item ref's identifier is an identifier")


# -- Response processing, interpreted ---------------------------------------------------------

Value = object


def outcomes(item: etree.Element, response: Value) -> dict[str, Value]:
    """SCORE and FEEDBACK after ``response`` (a str, a float, a list for ordered, a set for
    multiple, None for no answer), as a delivery engine would work them out."""
    declared = {
        element.get("identifier", ""): element
        for element in item
        if _local(element) in ("responseDeclaration", "outcomeDeclaration")
    }
    values: dict[str, Value] = {"RESPONSE": response}
    for identifier, declaration in declared.items():
        if _local(declaration) == "outcomeDeclaration":
            default = declaration.find(f"{{{QTI}}}defaultValue/{{{QTI}}}value")
            values[identifier] = None if default is None else float(default.text or "0")
    processing = item.find(f"{{{QTI}}}responseProcessing")
    assert processing is not None
    _run(processing, values, declared)
    return values


def _run(
    rules: Iterable[etree.Element], values: dict[str, Value], declared: dict[str, etree.Element]
) -> None:
    for rule in rules:
        name = _local(rule)
        if name == "setOutcomeValue":
            values[rule.get("identifier", "")] = _evaluate(rule[0], values, declared)
            continue
        for branch in rule:
            if _local(branch) == "responseElse":
                _run(list(branch), values, declared)
                break
            if _evaluate(branch[0], values, declared) is True:
                _run(list(branch)[1:], values, declared)
                break


def _evaluate(
    element: etree.Element, values: dict[str, Value], declared: dict[str, etree.Element]
) -> Value:
    name = _local(element)
    args = [_evaluate(child, values, declared) for child in element]
    if name == "variable":
        return values.get(element.get("identifier", ""))
    if name == "baseValue":
        text = element.text or ""
        return float(text) if element.get("baseType") == "float" else text
    if name == "correct":
        declaration = declared[element.get("identifier", "")]
        found = [value.text or "" for value in declaration.iter(f"{{{QTI}}}value")]
        if declaration.get("baseType") == "float":
            return float(found[0])
        cardinality = declaration.get("cardinality")
        return (
            found[0]
            if cardinality == "single"
            else found
            if cardinality == "ordered"
            else set(found)
        )
    if name == "isNull":
        return args[0] is None or args[0] == "" or args[0] == set()
    if name == "not":
        return None if args[0] is None else not args[0]
    if name == "multiple":
        joined: set[Value] = set()
        for arg in args:
            if isinstance(arg, set):
                joined |= arg
            elif arg is not None:
                joined.add(arg)
        return joined
    if None in args:
        return None
    if name == "match":
        return args[0] == args[1]
    if name == "equal":
        tolerance = float((element.get("tolerance") or "0").split()[0])
        return abs(float(str(args[0])) - float(str(args[1]))) <= tolerance
    if name == "stringMatch":
        left, right = str(args[0]), str(args[1])
        if element.get("caseSensitive") == "false":
            left, right = left.lower(), right.lower()
        return left == right
    if name == "mapResponse":
        declaration = declared[element.get("identifier", "")]
        mapping = declaration.find(f"{{{QTI}}}mapping")
        assert mapping is not None
        for entry in mapping:
            key, given = entry.get("mapKey", ""), str(values["RESPONSE"])
            if entry.get("caseSensitive") == "false":
                key, given = key.lower(), given.lower()
            if key == given:
                return float(entry.get("mappedValue", "0"))
        return float(mapping.get("defaultValue", "0"))
    raise Invalid(f"cannot evaluate <{name}>")
