"""System Checks as an IMS QTI 2.1 content package: a zip of ``imsmanifest.xml``, one
``assessmentItem`` per question and an ``assessmentTest`` that holds them, one section per
lesson.

Each item scores 1 for a right answer and 0 otherwise, as the site's checks are right or not.
Its response processing is written out (no template), because it also sets ``FEEDBACK``: the
identifiers of the chosen choices (each choice's feedback is a ``modalFeedback`` of that
identifier), of the expected wrong answer typed (``MISTAKE_n``), and ``EXPLANATION`` for the
explanation, which is shown after every answer. Hints have no place in a one-attempt item and
are left out.
"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as etree
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser

from ..checks.model import Question, QuestionKind
from ..checks.parser import written_number
from .collect import (
    Exported,
    ExportedQuestion,
    Renderer,
    Selection,
    Skipped,
    unsupported_anywhere,
)

NAME = "QTI 2.1"
SUFFIX = ".qti.zip"
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*\Z")
"""What ``xml:lang`` may hold (the schema's ``xs:language``)."""
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
TEST_FILE = "assessment.xml"

# The XHTML that QTI 2.1 content may hold, and the attributes kept on it; other elements are
# unwrapped (their text kept), other attributes dropped ("style", "rel", "title", "start" are
# not QTI's).
_VOID = {"br", "hr", "img", "col"}
_ELEMENTS = {
    *_VOID,
    *(f"h{level}" for level in range(1, 7)),
    "a", "abbr", "acronym", "address", "b", "big", "blockquote", "caption", "cite", "code",
    "colgroup", "dd", "dfn", "div", "dl", "dt", "em", "i", "kbd", "li", "ol", "p", "pre", "q",
    "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "tt", "ul", "var",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "headers", "scope"},
    "th": {"colspan", "rowspan", "headers", "scope"},
}
_ITEM_ORDER = [
    "responseDeclaration",
    "outcomeDeclaration",
    "itemBody",
    "responseProcessing",
    "modalFeedback",
]
_TEXT_HOLDERS = {"prompt", "simpleChoice", "simpleAssociableChoice", "modalFeedback", "div", "p"}
_NOT_IDENTIFIER = re.compile(r"[^A-Za-z0-9_.-]")


def export(selection: Selection, renderer: Renderer) -> Exported:
    """The package of ``selection``'s questions, and the questions QTI cannot carry."""
    skipped: list[Skipped] = []
    items: list[tuple[ExportedQuestion, str]] = []
    identifiers: set[str] = set()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for exported in selection.items:
            reason = unsupported(exported.question)
            if reason is not None:
                skipped.append(Skipped(exported, reason))
                continue
            identifier = _unique(_identifier(exported), identifiers)
            item = assessment_item(exported.question, identifier, renderer)
            package.writestr(f"items/{identifier}.xml", _xml(item))
            items.append((exported, identifier))
        package.writestr(TEST_FILE, _xml(assessment_test(selection, items)))
        package.writestr("imsmanifest.xml", _xml(manifest(selection, items)))
    return Exported(buffer.getvalue(), len(items), skipped)


def unsupported(question: Question) -> str | None:
    """Why QTI cannot carry ``question`` (None: it can)."""
    if question.kind is QuestionKind.PARSONS:
        if question.indent:
            return "has no interaction that grades the indentation of the lines"
        if question.distractors:
            return (
                "orders all of an ordering's items: lines that belong to no solution "
                "(distractors) have no place"
            )
    return unsupported_anywhere(question)


def assessment_item(question: Question, identifier: str, renderer: Renderer) -> etree.Element:
    """One question as an ``assessmentItem``."""
    item = _element(
        "assessmentItem",
        {
            "identifier": identifier,
            "title": question.prompt,
            "adaptive": "false",
            "timeDependent": "false",
            "xmlns": QTI,
        },
    )
    item.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    # The site's language, so that an LMS (and a screen reader in it) reads the item as such.
    language = renderer.translate.language
    if _LANGUAGE_TAG.match(language):
        item.set(XML_LANG, language)
    builder = _ItemBuilder(question, item, renderer)
    builder.build()
    return item


class _ItemBuilder:
    """Writes the declarations, body, response processing and feedback of one item."""

    def __init__(self, question: Question, item: etree.Element, renderer: Renderer) -> None:
        self.question = question
        self.item = item
        self.renderer = renderer
        self.feedback: list[tuple[str, str]] = []
        """Each modalFeedback's identifier and HTML."""
        self.conditions: list[etree.Element] = []
        """responseConditions that add to FEEDBACK, after the score's."""

    def build(self) -> None:
        question = self.question
        kind = question.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE):
            self._choices()
        elif kind is QuestionKind.FILL_IN:
            self._fill_in()
        elif kind in (QuestionKind.ORDER, QuestionKind.PARSONS):
            self._order()
        elif kind is QuestionKind.MATCHING:
            self._matching()
        elif question.wrong_outputs:
            self._output_choice()
        else:
            self._typed_output()
        if question.explanation.strip():
            self.feedback.append(("EXPLANATION", self.renderer.blocks(question.explanation)))
        self._finish()

    # -- Each kind ---------------------------------------------------------------------------

    def _choices(self) -> None:
        question = self.question
        multiple = question.kind is QuestionKind.MULTIPLE
        ids = [f"C{number}" for number in range(1, len(question.choices) + 1)]
        right = [id_ for id_, choice in zip(ids, question.choices, strict=True) if choice.correct]
        self._response("multiple" if multiple else "single", "identifier", right)
        interaction = self._interaction(
            "choiceInteraction", shuffle="false", maxChoices="0" if multiple else "1"
        )
        for id_, choice in zip(ids, question.choices, strict=True):
            if question.kind is QuestionKind.TRUE_FALSE:
                html = self.renderer.plain(self.renderer.translate(choice.text))
            else:
                html = self.renderer.inline(choice.text)
            _content(_sub(interaction, "simpleChoice", identifier=id_), html)
            if choice.feedback.strip():
                self.feedback.append((id_, self.renderer.blocks(choice.feedback)))
        self._score(_match())
        if any(identifier in ids for identifier, _ in self.feedback):
            self.conditions.append(_add_feedback(_variable("RESPONSE")))

    def _fill_in(self) -> None:
        question = self.question
        numeric = question.number is not None
        if numeric:
            assert question.number is not None
            self._response("single", "float", [_number(question.number)])
            right = _element("equal", {"toleranceMode": "exact"})
            if question.tolerance > 0:
                right.set("toleranceMode", "absolute")
                right.set("tolerance", _number(question.tolerance))
            right.extend([_variable("RESPONSE"), _correct()])
            self._score(right)
        else:
            declaration = self._response("single", "string", question.answers[:1])
            mapping = _sub(declaration, "mapping", defaultValue="0")
            for answer in _casefolded_once(question.answers):
                _sub(mapping, "mapEntry", mapKey=answer, mappedValue="1", caseSensitive="false")
            self._score(_element("mapResponse", {"identifier": "RESPONSE"}), null_guard=True)
        line = _sub(self._body(), "p")
        _sub(line, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20")
        for number, (wrong, said) in enumerate(question.mistakes.items(), start=1):
            if numeric:
                value = written_number(wrong)
                if value is None:
                    continue  # a float response is never this text
                test = _element("equal", {"toleranceMode": "exact"})
                test.extend([_variable("RESPONSE"), _base("float", _number(value))])
            else:
                test = _element("stringMatch", {"caseSensitive": "false"})
                test.extend([_variable("RESPONSE"), _base("string", wrong.strip())])
            identifier = f"MISTAKE_{number}"
            self.feedback.append((identifier, self.renderer.blocks(said)))
            self.conditions.append(_add_feedback(_base("identifier", identifier), test))

    def _order(self) -> None:
        question = self.question
        if question.kind is QuestionKind.PARSONS:
            # Without 'indent:' the lines show their indentation, as on the site.
            html = [
                f"<pre><code>{self.renderer.plain('    ' * level + text)}</code></pre>"
                for level, text in question.code_lines
            ]
        else:
            html = [self.renderer.inline(choice.text) for choice in question.choices]
        ids = [f"I{number}" for number in range(1, len(html) + 1)]
        self._response("ordered", "identifier", ids)
        interaction = self._interaction("orderInteraction", shuffle="true")
        for id_, content in zip(ids, html, strict=True):
            _content(_sub(interaction, "simpleChoice", identifier=id_), content)
        self._score(_match())

    def _matching(self) -> None:
        question = self.question
        # Each right item is matched once (the reader refuses the same one twice).
        count = len(question.pairs)
        sources = [f"S{number}" for number in range(1, count + 1)]
        targets = [f"T{number}" for number in range(1, count + 1)]
        answer = [f"{source} {target}" for source, target in zip(sources, targets, strict=True)]
        self._response("multiple", "directedPair", answer)
        interaction = self._interaction(
            "matchInteraction", shuffle="true", maxAssociations=str(count)
        )
        for ids, side in ((sources, 0), (targets, 1)):
            match_set = _sub(interaction, "simpleMatchSet")
            for id_, pair in zip(ids, question.pairs, strict=True):
                choice = _sub(match_set, "simpleAssociableChoice", identifier=id_, matchMax="1")
                _content(choice, self.renderer.inline(pair[side]))
        self._score(_match())

    def _output_choice(self) -> None:
        question = self.question
        assert question.output is not None
        outputs = [question.output, *question.wrong_outputs]
        ids = [f"C{number}" for number in range(1, len(outputs) + 1)]
        self._response("single", "identifier", ids[:1])
        interaction = self._interaction("choiceInteraction", shuffle="true", maxChoices="1")
        for id_, output in zip(ids, outputs, strict=True):
            content = f"<pre>{self.renderer.plain(output)}</pre>"
            _content(_sub(interaction, "simpleChoice", identifier=id_), content)
        self._score(_match())

    def _typed_output(self) -> None:
        question = self.question
        assert question.output is not None
        declaration = self._response("single", "string", [question.output])
        mapping = _sub(declaration, "mapping", defaultValue="0")
        _sub(mapping, "mapEntry", mapKey=question.output, mappedValue="1", caseSensitive="true")
        self._score(_element("mapResponse", {"identifier": "RESPONSE"}), null_guard=True)
        line = _sub(self._body(), "p")
        _sub(line, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20")

    # -- Shared parts ------------------------------------------------------------------------

    def _response(self, cardinality: str, base_type: str, right: list[str]) -> etree.Element:
        declaration = _sub(
            self.item,
            "responseDeclaration",
            identifier="RESPONSE",
            cardinality=cardinality,
            baseType=base_type,
        )
        correct = _sub(declaration, "correctResponse")
        for value in right:
            _sub(correct, "value").text = value
        score = _sub(self.item, "outcomeDeclaration", identifier="SCORE", cardinality="single")
        score.set("baseType", "float")
        _sub(_sub(score, "defaultValue"), "value").text = "0"
        return declaration

    def _body(self) -> etree.Element:
        """The item's body, made with the context the first time."""
        body = self.item.find("itemBody")
        if body is None:
            body = _sub(self.item, "itemBody")
            if self.question.kind in (QuestionKind.FILL_IN, QuestionKind.OUTPUT) and not (
                self.question.wrong_outputs
            ):
                # A text entry is inline and has no prompt of its own: it is a paragraph.
                _sub(body, "p", **{"class": "lessons-prompt"}).text = self.question.prompt
            if self.question.context.strip():
                context = _sub(body, "div", **{"class": "lessons-context"})
                _content(context, self.renderer.blocks(self.question.context))
        return body

    def _interaction(self, name: str, **attributes: str) -> etree.Element:
        interaction = _sub(self._body(), name, responseIdentifier="RESPONSE", **attributes)
        _sub(interaction, "prompt").text = self.question.prompt
        return interaction

    def _score(self, right: etree.Element, *, null_guard: bool = False) -> None:
        processing = _sub(self.item, "responseProcessing")
        condition = _sub(processing, "responseCondition")
        if null_guard:
            # mapResponse of no answer is the mapping's default, but say it plainly as QTI's
            # map_response template does.
            test = _sub(condition, "responseIf")
            _sub(test, "isNull").append(_variable("RESPONSE"))
            test.append(_set("SCORE", _base("float", "0")))
            _sub(condition, "responseElse").append(_set("SCORE", right))
            return
        branch = _sub(condition, "responseIf")
        branch.append(right)
        branch.append(_set("SCORE", _base("float", "1")))

    def _finish(self) -> None:
        if self.feedback:
            self._feedback()
        # The schema wants an item's parts in this order, whatever order they were made in.
        parts = sorted(self.item, key=lambda part: _ITEM_ORDER.index(part.tag))
        self.item[:] = parts

    def _feedback(self) -> None:
        _sub(
            self.item,
            "outcomeDeclaration",
            identifier="FEEDBACK",
            cardinality="multiple",
            baseType="identifier",
        )
        processing = self.item.find("responseProcessing")
        assert processing is not None
        if any(identifier == "EXPLANATION" for identifier, _ in self.feedback):
            self.conditions.insert(0, _add_feedback(_base("identifier", "EXPLANATION")))
        processing.extend(self.conditions)
        for identifier, html in self.feedback:
            feedback = _sub(
                self.item,
                "modalFeedback",
                outcomeIdentifier="FEEDBACK",
                identifier=identifier,
                showHide="show",
            )
            _content(feedback, html)


def _add_feedback(value: etree.Element, test: etree.Element | None = None) -> etree.Element:
    """A rule adding ``value`` to FEEDBACK (when ``test`` holds, if given): as a
    responseCondition when there is a test, else a bare setOutcomeValue."""
    added = _set("FEEDBACK", _element("multiple"))
    added[0].extend([_variable("FEEDBACK"), value])
    if test is None:
        return added
    condition = _element("responseCondition")
    branch = _sub(condition, "responseIf")
    branch.extend([test, added])
    return condition


def assessment_test(
    selection: Selection, items: list[tuple[ExportedQuestion, str]]
) -> etree.Element:
    """The test that holds every item, one section per lesson, its score their sum."""
    test = _element(
        "assessmentTest",
        {"identifier": _identifier_of(selection.name), "title": selection.title, "xmlns": QTI},
    )
    test.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    outcome = _sub(test, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    outcome.set("baseType", "float")
    part = _sub(
        test,
        "testPart",
        identifier="PART",
        navigationMode="nonlinear",
        submissionMode="individual",
    )
    sections: dict[str, etree.Element] = {}
    for exported, identifier in items:
        key = f"{exported.course.slug}/{exported.lesson.slug}"
        if key not in sections:
            sections[key] = _sub(
                part,
                "assessmentSection",
                identifier=f"S{len(sections) + 1}",
                title=exported.lesson.title,
                visible="true",
            )
        _sub(sections[key], "assessmentItemRef", identifier=identifier, href=_href(identifier))
    if not sections:  # a test part needs a section, a section may be empty
        _sub(part, "assessmentSection", identifier="S1", title=selection.title, visible="true")
    total = _sub(_sub(test, "outcomeProcessing"), "setOutcomeValue", identifier="SCORE")
    _sub(total, "sum").append(_element("testVariables", {"variableIdentifier": "SCORE"}))
    return test


def manifest(selection: Selection, items: list[tuple[ExportedQuestion, str]]) -> etree.Element:
    """The content package's manifest: the test and each item as a resource."""
    root = etree.Element("manifest", {"identifier": "MANIFEST", "xmlns": CP})
    root.set(f"{{{XSI}}}schemaLocation", f"{CP} {CP_XSD}")
    metadata = etree.SubElement(root, "metadata")
    etree.SubElement(metadata, "schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, "schemaversion").text = "1.0.0"
    etree.SubElement(root, "organizations")
    resources = etree.SubElement(root, "resources")
    test = etree.SubElement(
        resources,
        "resource",
        {"identifier": "RES-TEST", "type": TEST_TYPE, "href": TEST_FILE},
    )
    etree.SubElement(test, "file", {"href": TEST_FILE})
    for _, identifier in items:
        etree.SubElement(test, "dependency", {"identifierref": f"RES-{identifier}"})
    for _, identifier in items:
        resource = etree.SubElement(
            resources,
            "resource",
            {"identifier": f"RES-{identifier}", "type": ITEM_TYPE, "href": _href(identifier)},
        )
        etree.SubElement(resource, "file", {"href": _href(identifier)})
    return root


# -- XML helpers ----------------------------------------------------------------------------


def _element(name: str, attributes: dict[str, str] | None = None) -> etree.Element:
    return etree.Element(name, attributes or {})


def _sub(parent: etree.Element, name: str, **attributes: str) -> etree.Element:
    return etree.SubElement(parent, name, attributes)


def _variable(identifier: str) -> etree.Element:
    return _element("variable", {"identifier": identifier})


def _correct() -> etree.Element:
    return _element("correct", {"identifier": "RESPONSE"})


def _match() -> etree.Element:
    match = _element("match")
    match.extend([_variable("RESPONSE"), _correct()])
    return match


def _base(base_type: str, value: str) -> etree.Element:
    element = _element("baseValue", {"baseType": base_type})
    element.text = value
    return element


def _set(identifier: str, value: etree.Element) -> etree.Element:
    element = _element("setOutcomeValue", {"identifier": identifier})
    element.append(value)
    return element


def _number(value: float) -> str:
    """A number as QTI writes a float: whole numbers without '.0', others exactly (repr)."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _casefolded_once(answers: Iterable[str]) -> list[str]:
    """``answers`` without repeats that differ only in case (the mapping ignores case)."""
    seen: dict[str, str] = {}
    for answer in answers:
        seen.setdefault(answer.casefold(), answer)
    return list(seen.values())


def _identifier_of(text: str) -> str:
    """``text`` as a QTI identifier (an XML NCName): other characters become '_', and one
    that does not start with a letter or '_' gets 'Q_' before it."""
    cleaned = _NOT_IDENTIFIER.sub("_", text) or "Q"
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"Q_{cleaned}"


def _identifier(exported: ExportedQuestion) -> str:
    return _identifier_of(f"{exported.course.slug}.{exported.lesson.slug}.{exported.question.id}")


def _unique(identifier: str, taken: set[str]) -> str:
    """``identifier``, or with a number after it when two questions came out the same."""
    candidate, number = identifier, 2
    while candidate in taken:
        candidate, number = f"{identifier}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _href(identifier: str) -> str:
    return f"items/{identifier}.xml"


def _xml(element: etree.Element) -> bytes:
    """The document, its elements in the namespace its root's ``xmlns`` names (they are
    made without one: ElementTree would otherwise prefix them all, or change a global
    registry of prefixes)."""
    _indent(element, "\n")
    return bytes(etree.tostring(element, encoding="utf-8", xml_declaration=True))


def _indent(element: etree.Element, line: str) -> None:
    """Each element of the structure on its own line; text content (a choice, a feedback, the
    context) keeps its white space as it is, which in a ``<pre>`` is seen."""
    if not len(element) or element.tag in _TEXT_HOLDERS:
        return
    inner = line + "  "
    element.text = inner
    for child in element:
        _indent(child, inner)
        child.tail = inner
    element[-1].tail = line


def _content(parent: etree.Element, html: str) -> None:
    """``html`` (what Markdown made) as QTI's XHTML under ``parent``."""
    builder = _XhtmlBuilder(parent)
    builder.feed(html)
    builder.close()


class _XhtmlBuilder(HTMLParser):
    """HTML to QTI's XHTML elements: entities decoded, elements QTI has not unwrapped
    (their text kept), attributes it has not dropped."""

    def __init__(self, parent: etree.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, etree.Element]] = [("", parent)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1][1]
        if tag not in _ELEMENTS:
            if tag not in _VOID:
                self.stack.append((tag, parent))
            return
        allowed = _ATTRIBUTES.get(tag, set()) | {"class"}
        kept = {name: value or "" for name, value in attrs if name in allowed}
        element = etree.SubElement(parent, tag, kept)
        if tag == "img" and "alt" not in kept:
            element.set("alt", "")
        if tag not in _VOID:
            self.stack.append((tag, element))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1][1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data
