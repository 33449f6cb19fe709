"""Import of people, mentees and mentors from the .xlsx lists a school already keeps.

Why not django-import-export here: its import matches headers by exact name (a class list says «Ф.И.О.»,
«Дата рожд.», «Фамилия» with a non-breaking space…), reports errors per field name rather than per
Excel row and column as written, writes one model per resource (a mentee row creates a Person, a
Mentee, its categories and a request), and looks every row's instance up with its own query, which
makes a 5,000-row file slow. So the file is read with openpyxl directly: ``reading`` checks the file
and yields rows, ``headers`` matches the header and recognises the kind of list, ``values`` parses
cells (``choices`` those with a fixed or editable list of values), ``columns`` finds the header row,
``rows`` parses one row, ``people`` matches it to a person, ``plan`` puts the rows together with a
few queries and ``preview`` holds what the curator is shown. The write is
``participants.services.imports.do_import``; the export (``participants.exporting``) does use
import-export resources for its column layouts.
"""

from participants.importing.plan import Plan, build_plan, preview_import, preview_upload
from participants.importing.preview import ImportPreview, ImportRejected, RowError
from participants.importing.reading import MAX_FILE_SIZE_LABEL, FileProblem, read_bytes

__all__ = [
    "MAX_FILE_SIZE_LABEL",
    "FileProblem",
    "ImportPreview",
    "ImportRejected",
    "Plan",
    "RowError",
    "build_plan",
    "preview_import",
    "preview_upload",
    "read_bytes",
]
