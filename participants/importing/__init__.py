"""Import of people, mentees and mentors from the .xlsx lists a school already keeps.

The flow. An uploaded book is read once, when it arrives: ``reading`` checks the file's size and
format and ``book`` reads it as a stream within the bounds of ``limits`` (the size of each unpacked
part of the zip, rows, columns, cells, shared strings, text), refusing with a Russian message that names
the bound before anything is built from an oversized book. What is kept is a ``Sheet``: the rows with
data of the first sheet that has any, each value with its type. ``participants.services.imports``
stores the sheet packed (compressed JSON) on the ``ImportUpload`` together with the checked result, the
``ImportPreview``; the uploaded file itself is never written to disk, and its name is not kept. The
preview page shows the stored result; «Проверить заново» and another kind of list check the stored rows
again; the confirmation plans them again inside its transaction (the base may have changed since the
preview) and writes all or nothing. The stored rows go when the import is confirmed, when the curator
cancels the upload, after a day unconfirmed (``manage.py purge_imports``) and when anyone they name
withdraws consent (``forget_person_in_uploads``).

Why not django-import-export here: its import matches headers by exact name (a class list says «Ф.И.О.»,
«Дата рожд.», «Фамилия» with a non-breaking space…), reports errors per field name rather than per
Excel row and column as written, writes one model per resource (a mentee row creates a Person, a
Mentee, its categories and a request), and looks every row's instance up with its own query, which
makes a 5,000-row file slow. And not openpyxl for the cells: its reader builds an object per cell,
empty ones included, and the whole table of strings before the first row (the bounds could not be kept),
and takes seconds per 100,000 cells. So: ``headers`` matches the header and recognises the kind of
list, ``values`` parses cells (``choices`` those with a fixed or editable list of values), ``columns``
finds the header row, ``rows`` parses one row, ``people`` matches it to a person, ``plan`` puts the rows
together with a few queries and ``preview`` holds what the curator is shown. The write is
``participants.services.imports.do_import``; the export (``participants.exporting``) does use
import-export resources for its column layouts.
"""

from participants.importing.limits import MAX_FILE_SIZE_LABEL
from participants.importing.plan import Plan, build_plan, preview_import
from participants.importing.preview import ImportPreview, ImportRejected, RowError
from participants.importing.reading import FileProblem, Sheet, read_bytes, read_sheet

__all__ = [
    "MAX_FILE_SIZE_LABEL",
    "FileProblem",
    "ImportPreview",
    "ImportRejected",
    "Plan",
    "RowError",
    "Sheet",
    "build_plan",
    "preview_import",
    "read_bytes",
    "read_sheet",
]
