"""Every string a reader sees, in one table keyed by the theme's ``language``.

Templates call ``t("next_lesson")``; the browser code reads the strings it needs from the
``data-lessons-strings`` attribute the templates write, so JavaScript has no text of its own.
A site overrides any string with the plugin's ``strings`` option.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping

ENGLISH: dict[str, str] = {
    # Lessons index, courses and lesson pages.
    "lessons": "Lessons",
    # The nav entry of a section's own page (the lessons index, a course) without
    # Material's navigation.indexes, where it would repeat the section's title.
    "nav_overview": "Overview",
    "lessons_index_summary": "Every course on this site, with its lessons in order.",
    "course": "Course",
    "courses": "Courses",
    "lesson_count.one": "{count} lesson",
    "lesson_count.other": "{count} lessons",
    "lessons_in_course": "Lessons in this course",
    "level": "Level",
    "level.beginner": "Beginner",
    "level.intermediate": "Intermediate",
    "level.advanced": "Advanced",
    "duration": "Duration",
    "minutes": "{minutes} min",
    "tags": "Tags",
    "author": "Author",
    "authors": "Authors",
    "by_authors": "By {names}",
    "author_lessons": "Lessons by {name}",
    "author_page_summary": "{name}: {description}",
    "author_profile": "Profile",
    "prerequisites": "Before this lesson",
    "previous_lesson": "Previous lesson",
    "next_lesson": "Next lesson",
    "lesson_navigation": "Lessons of {course}",
    "no_lessons": "No lessons yet.",
    # Where the reader is: the lesson's place in its course, the course's Continue link, the
    # mark of a mastered lesson in the navigation (visually hidden, beside a check mark).
    "lesson_n_of": "Lesson {n} of {total}",
    "course_start": "Start the course",
    "course_continue": "Continue",
    "course_review": "Review the course",
    "course_complete": "Course complete: every concept mastered.",
    "nav_mastered": "mastered",
    # Walkthroughs, quizzes and concept maps (used by their templates and JavaScript).
    "previous": "Previous",
    "next": "Next",
    "step_of": "Step {n} of {total}",
    "walkthrough_of": "Walkthrough of {files}",
    "steps": "Steps",
    "copy_code": "Copy code",
    "copied": "Copied",
    # Said by screen readers on the marked lines of a walkthrough's code.
    "line_added": "added",
    "line_removed": "removed",
    "line_focused": "focused",
    "files": "Files",
    "file_later": "{file}: shown from step {n}",
    "output": "Output",
    "glossary": "Glossary",
    "glossary_summary": "Every term the lessons use, with its definition.",
    "glossary_letters": "Glossary letters",
    "glossary_aliases": "Also called",
    "glossary_see_also": "See also",
    "glossary_used_in": "Used in",
    "glossary_empty": "No terms yet.",
    "glossary_full_entry": "Full entry",
    "lesson_glossary": "Glossary",
    "glossary_term_count.one": "{count} term used in this lesson",
    "glossary_term_count.other": "{count} terms used in this lesson",
    "close": "Close",
    "check": "Check",
    "show_answer": "Show answer",
    "locked": "Locked",
    "unlocked": "Unlocked",
    "mastered": "Mastered",
    "concept_n": "Concept {n}",
    "concept_map": "Concept map",
    "system_check": "System Check",
    "hint": "Hint",
    "hint_n": "Hint {n} of {total}",
    "choose_first": "Choose an answer first.",
    "type_first": "Type your answer first.",
    "right": "Right!",
    "wrong": "Not quite: try again.",
    "concepts_mastered": "{n} of {total} concepts mastered",
    "concept_count.one": "{count} concept",
    "concept_count.other": "{count} concepts",
    # The summary at the end of a lesson.
    "lesson_summary": "Lesson summary",
    "to_review": "Questions to review:",
    "nothing_to_review": "Every question answered right.",
    "reset_progress": "Reset progress",
    "reset_confirm": "Press again to reset all progress",
    "undo": "Undo",
    "concept_titled": "Concept {n}: {title}",
    "concepts_done": "Mastered: {concepts}.",
    "concepts_opened": "Now open: {concepts}.",
    "waits_for": "master {concepts} first",
    "progress_reset": "Progress reset",
    "move_up": "Move up: {item}",
    "move_down": "Move down: {item}",
    "moved": "{item}: position {n} of {total}",
    "true": "True",
    "false": "False",
    "your_answer": "Your answer",
    "right_answer": "Right answer",
    "right_answers": "Right answers",
    "accepted_answers": "Accepted answers",
    "right_order": "The right order",
    "right_pairs": "The right pairs",
    "right_code": "The right code",
    "choose": "Choose…",
    "use": "Use",
    "use_line": "Use: {item}",
    "line_indent": "Indent: {item}",
    "line_outdent": "Outdent: {item}",
    "indented": "{item}: indentation {n}",
    "line_level": "level {n}",
    "your_output": "What it prints",
    "right_output": "It prints",
    "output_unavailable": "The site could not run this program, so this question has no answer.",
    "number_within": "{number}, give or take {tolerance}",
    # The community showcase.
    "community_showcase": "Community showcase",
    "share_yours": "Share yours",
    "share_yours_note": (
        "Opens GitHub with a new entry ready to fill in; your pull request is checked and "
        "published with the site."
    ),
    "showcase_all": "See all {count} entries",
    "showcase_show.one": "Show the entry",
    "showcase_show.other": "Show {count} entries",
    "showcase_page_title": "Community showcase: {lesson}",
    "showcase_empty": "No entries yet: be the first.",
    "shared_by": "Shared by {name}",
    "back_to_lesson": "Back to the lesson",
    # Taking progress to another browser, on the lessons index (the import merges).
    "progress_transfer": "Your progress",
    "progress_transfer_summary": (
        "Your answers and mastered concepts are kept in this browser only. To go on in another "
        "browser, export them here and import the code or the file there: an import adds to "
        "the progress already in that browser and never removes any."
    ),
    "progress_not_saved": (
        "Progress cannot be saved in this browser (its storage for this site is blocked or "
        "full), so there is none to export or import here."
    ),
    "export_progress": "Export progress",
    "download_progress": "Download as a file",
    "progress_code": "Progress code",
    "import_progress": "Import progress",
    "import_progress_file": "or import a file:",
    "progress_exported": "Lessons exported: {n}. Copy the code, or download it as a file.",
    "progress_nothing": "There is no progress in this browser yet.",
    "progress_imported": "Lessons imported: {n}, added to the progress already here.",
    "progress_bad_code": (
        "This is not a progress code: paste the whole code that Export progress gave, or "
        "choose its file."
    ),
    "progress_foreign": "This progress is from another site: none of its lessons are on this one.",
    # Objectives, key points and instructor notes.
    "objectives": "By the end of this lesson you can:",
    "objective_done": "done",
    "key_points": "Key points",
    "instructor_note": "Instructor note",
    "instructor_view": "Instructor notes",
}

SPANISH: dict[str, str] = {
    "lessons": "Lecciones",
    "nav_overview": "Presentación",
    "lessons_index_summary": "Todos los cursos de este sitio, con sus lecciones en orden.",
    "course": "Curso",
    "courses": "Cursos",
    "lesson_count.one": "{count} lección",
    "lesson_count.other": "{count} lecciones",
    "lessons_in_course": "Lecciones de este curso",
    "level": "Nivel",
    "level.beginner": "Principiante",
    "level.intermediate": "Intermedio",
    "level.advanced": "Avanzado",
    "duration": "Duración",
    "minutes": "{minutes} min",
    "tags": "Etiquetas",
    "author": "Autor",
    "authors": "Autores",
    "by_authors": "Por {names}",
    "author_lessons": "Lecciones de {name}",
    "author_page_summary": "{name}: {description}",
    "author_profile": "Perfil",
    "prerequisites": "Antes de esta lección",
    "previous_lesson": "Lección anterior",
    "next_lesson": "Lección siguiente",
    "lesson_navigation": "Lecciones de {course}",
    "no_lessons": "Todavía no hay lecciones.",
    "lesson_n_of": "Lección {n} de {total}",
    "course_start": "Empezar el curso",
    "course_continue": "Continuar",
    "course_review": "Repasar el curso",
    "course_complete": "Curso completado: todos los conceptos dominados.",
    "nav_mastered": "dominada",
    "previous": "Anterior",
    "next": "Siguiente",
    "step_of": "Paso {n} de {total}",
    "walkthrough_of": "Recorrido por {files}",
    "steps": "Pasos",
    "copy_code": "Copiar código",
    "copied": "Copiado",
    "line_added": "añadida",
    "line_removed": "eliminada",
    "line_focused": "destacada",
    "files": "Archivos",
    "file_later": "{file}: se muestra desde el paso {n}",
    "output": "Salida",
    "glossary": "Glosario",
    "glossary_summary": "Todos los términos que usan las lecciones, con su definición.",
    "glossary_letters": "Letras del glosario",
    "glossary_aliases": "También llamado",
    "glossary_see_also": "Véase también",
    "glossary_used_in": "Se usa en",
    "glossary_empty": "Todavía no hay términos.",
    "glossary_full_entry": "Entrada completa",
    "lesson_glossary": "Glosario",
    "glossary_term_count.one": "{count} término usado en esta lección",
    "glossary_term_count.other": "{count} términos usados en esta lección",
    "close": "Cerrar",
    "check": "Comprobar",
    "show_answer": "Mostrar respuesta",
    "locked": "Bloqueado",
    "unlocked": "Desbloqueado",
    "mastered": "Dominado",
    "concept_n": "Concepto {n}",
    "concept_map": "Mapa de conceptos",
    "system_check": "Comprobación",
    "hint": "Pista",
    "hint_n": "Pista {n} de {total}",
    "choose_first": "Elige primero una respuesta.",
    "type_first": "Escribe primero tu respuesta.",
    "right": "¡Correcto!",
    "wrong": "No del todo: inténtalo de nuevo.",
    "concepts_mastered": "{n} de {total} conceptos dominados",
    "concept_count.one": "{count} concepto",
    "concept_count.other": "{count} conceptos",
    "lesson_summary": "Resumen de la lección",
    "to_review": "Preguntas para repasar:",
    "nothing_to_review": "Todas las preguntas respondidas bien.",
    "reset_progress": "Reiniciar el progreso",
    "reset_confirm": "Pulsa otra vez para borrar todo el progreso",
    "undo": "Deshacer",
    "concept_titled": "Concepto {n}: {title}",
    "concepts_done": "Dominado: {concepts}.",
    "concepts_opened": "Ahora abierto: {concepts}.",
    "waits_for": "domina primero {concepts}",
    "progress_reset": "Progreso reiniciado",
    "move_up": "Subir: {item}",
    "move_down": "Bajar: {item}",
    "moved": "{item}: posición {n} de {total}",
    "true": "Verdadero",
    "false": "Falso",
    "your_answer": "Tu respuesta",
    "right_answer": "Respuesta correcta",
    "right_answers": "Respuestas correctas",
    "accepted_answers": "Respuestas aceptadas",
    "right_order": "El orden correcto",
    "right_pairs": "Las parejas correctas",
    "right_code": "El código correcto",
    "choose": "Elige…",
    "use": "Usar",
    "use_line": "Usar: {item}",
    "line_indent": "Sangrar: {item}",
    "line_outdent": "Quitar sangría: {item}",
    "indented": "{item}: sangría {n}",
    "line_level": "nivel {n}",
    "your_output": "Lo que imprime",
    "right_output": "Imprime",
    "output_unavailable": (
        "El sitio no pudo ejecutar este programa: esta pregunta no tiene respuesta."
    ),
    "number_within": "{number}, con un margen de {tolerance}",
    "community_showcase": "Escaparate de la comunidad",
    "share_yours": "Comparte la tuya",
    "share_yours_note": (
        "Abre GitHub con una entrada nueva lista para rellenar; tu pull request se revisa y "
        "se publica con el sitio."
    ),
    "showcase_all": "Ver las {count} entradas",
    "showcase_show.one": "Mostrar la entrada",
    "showcase_show.other": "Mostrar {count} entradas",
    "showcase_page_title": "Escaparate de la comunidad: {lesson}",
    "showcase_empty": "Todavía no hay entradas: sé el primero.",
    "shared_by": "Compartido por {name}",
    "back_to_lesson": "Volver a la lección",
    "progress_transfer": "Tu progreso",
    "progress_transfer_summary": (
        "Tus respuestas y conceptos dominados se guardan solo en este navegador. Para seguir en "
        "otro navegador, expórtalos aquí e importa allí el código o el archivo: una importación "
        "se suma al progreso que ya hay en ese navegador y nunca borra nada."
    ),
    "progress_not_saved": (
        "Este navegador no puede guardar el progreso (su almacenamiento para este sitio está "
        "bloqueado o lleno), así que aquí no hay nada que exportar ni importar."
    ),
    "export_progress": "Exportar el progreso",
    "download_progress": "Descargar como archivo",
    "progress_code": "Código de progreso",
    "import_progress": "Importar el progreso",
    "import_progress_file": "o importa un archivo:",
    "progress_exported": "Lecciones exportadas: {n}. Copia el código o descárgalo como archivo.",
    "progress_nothing": "Todavía no hay progreso en este navegador.",
    "progress_imported": "Lecciones importadas: {n}, sumadas al progreso que ya había.",
    "progress_bad_code": (
        "Esto no es un código de progreso: pega el código entero que dio Exportar el progreso, "
        "o elige su archivo."
    ),
    "progress_foreign": "Este progreso es de otro sitio: ninguna de sus lecciones está en este.",
    "objectives": "Al terminar esta lección sabrás:",
    "objective_done": "hecho",
    "key_points": "Puntos clave",
    "instructor_note": "Nota para quien enseña",
    "instructor_view": "Notas para quien enseña",
}

TRANSLATIONS: dict[str, dict[str, str]] = {"en": ENGLISH, "es": SPANISH}


class Translator:
    """Looks strings up for one language, falling back to English, with site overrides on top."""

    def __init__(self, language: str | None, overrides: Mapping[str, str] | None = None) -> None:
        code = (language or "en").replace("_", "-").lower()
        table = TRANSLATIONS.get(code) or TRANSLATIONS.get(code.split("-")[0]) or {}
        self.language = code
        self.strings: dict[str, str] = {**ENGLISH, **table, **(overrides or {})}
        self._json: dict[tuple[str, ...], str] = {}

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings.get(key, key)
        return text.format(**values) if values else text

    def as_json(self, keys: tuple[str, ...]) -> str:
        """The strings of ``keys`` as a JSON object, made once (every page carries it)."""
        if keys not in self._json:
            strings = {key: self(key) for key in keys}
            self._json[keys] = json.dumps(strings, ensure_ascii=False, separators=(",", ":"))
        return self._json[keys]

    def count(self, key: str, count: int) -> str:
        """A count with its noun: ``count("lesson_count", 3)`` -> ``3 lessons``."""
        form = "one" if count == 1 else "other"
        return self(f"{key}.{form}", count=count)


def string_problems(overrides: Mapping[str, object]) -> list[str]:
    """What is wrong with override values: each must be a text that names the placeholders of
    the string it replaces and no others (``{total}`` in "Step {n} of {total}"), or pages
    would fail to render with it."""
    problems: list[str] = []
    for key, value in overrides.items():
        english = ENGLISH.get(key)
        if english is None:
            continue  # unknown keys are reported by unknown_string_keys
        if not isinstance(value, str):
            problems.append(
                f"'{key}' must be a text, such as '{english}' (quote words YAML reads as "
                "true/false or numbers: 'On', 'No', '10')"
            )
            continue
        expected = _placeholders(english)
        found = _placeholders(value)
        if found is None:
            problems.append(
                f"'{key}': '{value}' has an unmatched '{{' or '}}': write placeholders as in "
                f"'{english}'"
            )
        elif not found <= (expected or set()):
            unknown = ", ".join(f"{{{name}}}" for name in sorted(found - (expected or set())))
            known = ", ".join(f"{{{name}}}" for name in sorted(expected or ())) or "none"
            problems.append(f"'{key}': {unknown} is not a placeholder of it (it has {known})")
    return problems


def _placeholders(text: str) -> set[str] | None:
    """The ``{name}`` placeholders of ``text``, or None when its braces do not parse."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def unknown_string_keys(overrides: Mapping[str, object]) -> list[str]:
    """Override keys that name no string, so a typo in ``mkdocs.yml`` does not pass silently."""
    return sorted(key for key in overrides if key not in ENGLISH)
