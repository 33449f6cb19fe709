"""Files people upload and we keep (consent scans, case photos, roadmap evidence): one check for all.

A file is recognised by its content, never by its name alone, and opened by a real reader before it
is accepted:

* images (JPEG, PNG) by Pillow — the header first (``Image.open`` is lazy), so a picture of more
  than ``MAX_IMAGE_PIXELS`` or wider or taller than ``MAX_IMAGE_SIDE`` is refused before a pixel is
  decoded; then decoded within that bound and saved anew: the camera's orientation applied, EXIF (GPS,
  the phone's serial number), colour profiles and text chunks dropped;
* PDFs by pypdf: a file it cannot open, one with a password, without pages or longer than
  ``MAX_PDF_PAGES`` is refused;
* Word and Excel files as real containers with the right main part: .docx/.xlsx as OOXML zips whose
  ``[Content_Types].xml`` names the document's (or the workbook's) main part, .odt by its mimetype,
  the old .doc/.xls as OLE compound files holding the Word or Excel stream.

Every bound is here; each kind of upload is a ``Policy`` (what it may be, how big) below. Forms use
``CheckedFileField``; services call ``check`` (a file a form has checked is not checked twice).
Nothing is written anywhere before the check passes: the services store what it returns.
"""

from __future__ import annotations

import io
import os
import uuid
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, JpegImagePlugin, PngImagePlugin, UnidentifiedImageError
from pypdf import PdfReader

from mentoring.plural import plural_ru

MB = 1024 * 1024

# --- the bounds -----------------------------------------------------------------------------------

# 40 megapixels and 10,000 px a side: a phone photo (12–24 Мп), an A4 page scanned at 600 dpi
# (4960 × 7016, 34.8 Мп) or an A3 one at 300 dpi fit; decoded, such an image takes at most ~160 MB.
# A 9400 × 9400 «photo» (88 Мп, a few kilobytes of PNG) does not.
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 10_000
MAX_PDF_PAGES = 50
# A case photo is shown on a page and printed on A4: stored no larger than this on its long side.
CASE_PHOTO_SIDE = 2560
# Zip containers (.docx, .xlsx, .odt): how many parts, how much when unpacked, how much XML we read.
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_UNPACKED = 200 * MB
MAX_XML_PART = 2 * MB
# A PDF may carry a few bytes of junk before its header (scanners do); readers look this far.
PDF_HEADER_WINDOW = 1024
JPEG_QUALITY = 90


def install_image_bounds() -> None:
    """Make the bound Pillow's own everywhere in the process (WeasyPrint decodes stored photos too):
    opening a bigger image raises ``DecompressionBombWarning`` (made an error here) or, twice as big,
    ``DecompressionBombError``. Set once when the app loads, not per call: warning filters are global."""
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


def _ru_number(number: float, digits: int = 1) -> str:
    text = f"{number:,.{digits}f}" if digits else f"{number:,.0f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _megabytes(size: int) -> str:
    return f"{_ru_number(size / MB)} МБ"


# --- the kinds of file ----------------------------------------------------------------------------

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Kind:
    code: str  # the extension a stored file gets
    content_type: str
    label: str  # «документ PDF»: what the file is, for the messages
    magic: Callable[[bytes], bool]


KINDS = {
    kind.code: kind
    for kind in (
        Kind("pdf", "application/pdf", "документ PDF", lambda data: b"%PDF-" in data[:PDF_HEADER_WINDOW]),
        Kind("jpg", "image/jpeg", "фотография JPEG", lambda data: data.startswith(JPEG_MAGIC)),
        Kind("png", "image/png", "изображение PNG", lambda data: data.startswith(PNG_MAGIC)),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "документ Word",
            lambda data: data.startswith(ZIP_MAGIC),
        ),
        Kind(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "таблица Excel",
            lambda data: data.startswith(ZIP_MAGIC),
        ),
        Kind(
            "odt",
            "application/vnd.oasis.opendocument.text",
            "документ OpenDocument",
            lambda data: data.startswith(ZIP_MAGIC),
        ),
        Kind("doc", "application/msword", "документ Word", lambda data: data.startswith(OLE_MAGIC)),
        Kind("xls", "application/vnd.ms-excel", "таблица Excel", lambda data: data.startswith(OLE_MAGIC)),
    )
}
# What a file's extension promises; a JPEG named .png (or back) is still a picture we take.
EXTENSION_KINDS = {
    "pdf": ("pdf",),
    "jpg": ("jpg", "png"),
    "jpeg": ("jpg", "png"),
    "png": ("png", "jpg"),
    "docx": ("docx",),
    "xlsx": ("xlsx",),
    "odt": ("odt",),
    "doc": ("doc",),
    "xls": ("xls",),
}
# Private files are served with these types; a browser shows inline only PDFs and pictures.
CONTENT_TYPES = {code: kind.content_type for code, kind in KINDS.items()} | {"jpeg": "image/jpeg"}
VIEWABLE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def content_type_for(name: str) -> str:
    """The type to serve a stored file with, by the extension we gave it."""
    extension = os.path.splitext(name or "")[1].lstrip(".").lower()
    return CONTENT_TYPES.get(extension, "application/octet-stream")


# --- what each upload may be ----------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    kinds: tuple[str, ...]
    max_bytes: int
    accepts: str  # what may be uploaded: the message for anything else
    too_big: str  # with {size} and {limit}
    empty: str
    # Added to ``accepts`` when the name promises a kind we take but the content is something else.
    misnamed: str = ""
    # The extension must match the content (the file is handed out under its own name).
    by_extension: bool = False
    # Pictures are stored no larger than this on the long side (None: as they came, within the bound).
    stored_side: int | None = None

    @property
    def limit(self) -> str:
        return f"{self.max_bytes // MB} МБ"

    @property
    def accept_attribute(self) -> str:
        """For ``<input type=file accept=…>``: the extensions and the types."""
        extensions = [f".{ext}" for ext, kinds in EXTENSION_KINDS.items() if kinds[0] in self.kinds]
        types = dict.fromkeys(KINDS[code].content_type for code in self.kinds)
        return ",".join([*extensions, *types])


CONSENT_SCAN = Policy(
    kinds=("pdf", "jpg", "png"),
    max_bytes=10 * MB,
    accepts="Скан должен быть файлом PDF, JPEG или PNG. "
    "Этот файл не похож ни на один из них, даже если у него такое расширение.",
    too_big="Файл скана слишком большой: {size}. Можно загрузить файл не больше {limit} — "
    "отсканируйте с меньшим разрешением или сохраните в PDF.",
    empty="Файл скана пустой. Выберите файл ещё раз.",
)
CASE_PHOTO = Policy(
    kinds=("jpg", "png"),
    max_bytes=5 * MB,
    accepts="Подойдёт фотография в формате JPG или PNG.",
    too_big="Фотография больше {limit} ({size}): уменьшите её и загрузите снова.",
    empty="Файл фотографии пустой. Выберите файл ещё раз.",
    misnamed="Этот файл только назван как фотография.",
    stored_side=CASE_PHOTO_SIDE,
)
EVIDENCE = Policy(
    kinds=("pdf", "doc", "docx", "odt", "xls", "xlsx", "jpg", "png"),
    max_bytes=10 * MB,
    accepts="Подойдёт PDF, документ Word или OpenDocument, таблица Excel или фотография (JPG, PNG).",
    too_big="Файл больше {limit} ({size}): уменьшите его или сохраните в PDF.",
    empty="Файл пустой. Выберите файл ещё раз.",
    misnamed="Этот файл только назван как {label}.",
    by_extension=True,
)


# --- the messages every kind shares ---------------------------------------------------------------

IMAGE_BOUND = (
    f"Можно загрузить изображение не больше {MAX_IMAGE_PIXELS // 1_000_000} мегапикселей "
    f"и не больше {_ru_number(MAX_IMAGE_SIDE, 0)} пикселей по каждой стороне — уменьшите его и загрузите снова."
)
IMAGE_BROKEN = (
    "Изображение не открывается: файл повреждён или это не {label}. Сохраните его заново и загрузите снова."
)
PDF_BROKEN = (
    "Файл не открывается как документ PDF: он повреждён или только похож на PDF. "
    "Сохраните документ в PDF заново и загрузите снова."
)
PDF_ENCRYPTED = "PDF защищён паролем: сохраните его без защиты и загрузите снова."
PDF_EMPTY = "В PDF нет ни одной страницы: сохраните документ заново и загрузите снова."
PDF_TOO_LONG = (
    "В PDF {pages} {pages_word}, а можно не больше {limit}: оставьте нужные страницы или разделите документ."
)
CONTAINER_BROKEN = (
    "Файл не открывается как {label}: он повреждён, защищён паролем или только назван так. "
    "Сохраните его заново и загрузите снова."
)


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


# --- the result -----------------------------------------------------------------------------------


class CheckedFile(ContentFile):
    """An upload that passed ``check``: its content as we store it (a picture saved anew), its kind,
    and the name it came with (for display only: stored files get names of our own)."""

    def __init__(self, content: bytes, *, kind: Kind, original_name: str, policy: Policy):
        super().__init__(content, name=original_name)
        self.kind = kind
        self.policy = policy
        self.original_name = original_name

    @property
    def extension(self) -> str:
        return self.kind.code

    @property
    def content_type(self) -> str:
        return self.kind.content_type


def store_checked(instance, field_name: str, checked: CheckedFile) -> None:
    """Save ``instance`` with ``checked`` in its file field under a random name (an upload's own name
    may carry a child's name); the file goes again when the row cannot be saved."""
    stored = getattr(instance, field_name)
    stored.save(f"{uuid.uuid4().hex}.{checked.extension}", checked, save=False)
    try:
        instance.save()
    except Exception:
        stored.delete(save=False)
        raise


def original_name(upload) -> str:
    return os.path.basename(str(getattr(upload, "name", "") or "").replace("\\", "/"))[:200]


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
    return size


def _read(upload, limit: int) -> bytes:
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    return data


def check(upload, policy: Policy) -> CheckedFile:
    """The upload as it may be stored, or a ``ValidationError`` with a Russian message."""
    if isinstance(upload, CheckedFile) and upload.policy is policy:
        return upload
    name = original_name(upload)
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    claimed = [code for code in EXTENSION_KINDS.get(extension, ()) if code in policy.kinds]
    if policy.by_extension and not claimed:
        raise _refuse(policy.accepts, "kind")
    size = _size(upload)
    if size > policy.max_bytes:
        raise _refuse(policy.too_big.format(size=_megabytes(size), limit=policy.limit), "size")
    if not size:
        raise _refuse(policy.empty, "empty")
    data = _read(upload, policy.max_bytes)
    if len(data) > policy.max_bytes:  # the size it told was not the size it has
        raise _refuse(policy.too_big.format(size=_megabytes(len(data)), limit=policy.limit), "size")
    candidates = claimed if policy.by_extension else policy.kinds
    kind = next((KINDS[code] for code in candidates if KINDS[code].magic(data)), None)
    if kind is None:
        message = policy.accepts
        if claimed and policy.misnamed:
            message += " " + policy.misnamed.format(label=KINDS[claimed[0]].label)
        raise _refuse(message, "kind")
    content, kind = OPENERS[kind.code](data, kind, policy)
    return CheckedFile(content, kind=kind, original_name=name, policy=policy)


# --- images ---------------------------------------------------------------------------------------


def _too_large(size: tuple[int, int] | None) -> ValidationError:
    if size:
        width, height = size
        megapixels = _ru_number(width * height / 1_000_000)
        told = f"Изображение слишком большое: {width} × {height} пикселей ({megapixels} Мп). "
    else:
        told = f"Изображение слишком большое: больше {MAX_IMAGE_PIXELS // 1_000_000} мегапикселей. "
    return _refuse(told + IMAGE_BOUND, "pixels")


def _within_bound(size: tuple[int, int]) -> bool:
    width, height = size
    return 0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE and width * height <= MAX_IMAGE_PIXELS


def _fit(size: tuple[int, int], side: int) -> tuple[int, int]:
    scale = side / max(size)
    return max(1, int(size[0] * scale)), max(1, int(size[1] * scale))


def _eight_bit(image: Image.Image) -> Image.Image:
    """A mode Pillow can resize and JPEG/PNG can hold, transparency kept."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("P", "PA", "1") or "transparency" in image.info:
        has_alpha = "transparency" in image.info or image.mode == "PA"
        return image.convert("RGBA" if has_alpha else "RGB")
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        return image.convert("RGB")
    return image


def _open_image(data: bytes, kind: Kind, policy: Policy) -> tuple[bytes, Kind]:
    broken = _refuse(IMAGE_BROKEN.format(label="фотография JPEG или PNG"), "broken")
    # The header alone first, by the format's own reader (without Pillow's bound, so that the message
    # can tell the size): refuse by the size it declares before a pixel is decoded.
    header_reader = JpegImagePlugin.JpegImageFile if kind.code == "jpg" else PngImagePlugin.PngImageFile
    try:
        with header_reader(io.BytesIO(data)) as header:
            declared = header.size
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError):
        raise broken from None
    if not _within_bound(declared):
        raise _too_large(declared)
    try:
        image = Image.open(io.BytesIO(data), formats=("JPEG", "PNG"))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own bound (``install_image_bounds``), should the header have said otherwise.
        raise _too_large(None) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise broken from None
    with image:
        if not _within_bound(image.size):
            raise _too_large(image.size)
        is_jpeg = image.format in ("JPEG", "MPO")
        side = policy.stored_side
        try:
            if side and is_jpeg and max(image.size) > side:
                image.draft(None, _fit(image.size, side))  # decode at 1/2, 1/4 or 1/8 scale
            image.load()
            picture = _orient(image)
            if side and max(picture.size) > side:
                picture = _eight_bit(picture)
                picture.thumbnail((side, side), Image.Resampling.LANCZOS)
            if is_jpeg and picture.mode not in ("L", "RGB"):
                picture = picture.convert("RGB")
            elif not is_jpeg and (
                picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16")
                or "transparency" in picture.info
            ):
                picture = _eight_bit(picture)
            # Saved anew with nothing of the original's metadata: no EXIF, ICC profile, text, dpi.
            picture.info = {}
            out = io.BytesIO()
            if is_jpeg:
                picture.save(out, "JPEG", quality=JPEG_QUALITY)
            else:
                picture.save(out, "PNG")
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large(image.size) from None
        except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError):
            raise broken from None
    return out.getvalue(), KINDS["jpg" if is_jpeg else "png"]


def _orient(image: Image.Image) -> Image.Image:
    """The picture the way the camera held it (EXIF «Orientation»), the tag itself gone."""
    try:
        ImageOps.exif_transpose(image, in_place=True)  # in place: no second copy of a big picture
    except Exception:  # a malformed EXIF block only costs the orientation: the block is dropped anyway
        pass
    return image


# --- PDF ------------------------------------------------------------------------------------------


def _open_pdf(data: bytes, kind: Kind, policy: Policy) -> tuple[bytes, Kind]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception:  # pypdf raises its own errors and, on a crafted file, about anything else
        raise _refuse(PDF_BROKEN, "broken") from None
    if encrypted:
        raise _refuse(PDF_ENCRYPTED, "encrypted")
    if not pages:
        raise _refuse(PDF_EMPTY, "empty")
    if pages > MAX_PDF_PAGES:
        raise _refuse(
            PDF_TOO_LONG.format(
                pages=pages,
                pages_word=plural_ru(pages, ("страница", "страницы", "страниц")),
                limit=MAX_PDF_PAGES,
            ),
            "pages",
        )
    return data, kind


# --- Word, Excel, OpenDocument --------------------------------------------------------------------

OOXML_MAIN_PARTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
# The stream an OLE compound file of each kind holds, as its directory spells it (UTF-16LE).
OLE_STREAMS = {"doc": ("WordDocument",), "xls": ("Workbook", "Book")}


class _NotContainer(Exception):
    pass


def _zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _NotContainer from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_ZIP_UNPACKED:
        raise _NotContainer
    if any(entry.flag_bits & 0x1 for entry in entries):  # an encrypted part
        raise _NotContainer
    return archive


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as part:
            content = part.read(MAX_XML_PART + 1)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _NotContainer from None
    if len(content) > MAX_XML_PART:
        raise _NotContainer
    return content


def _ooxml_main_part(archive: zipfile.ZipFile, code: str) -> None:
    types = _member(archive, "[Content_Types].xml")
    # OOXML has no DTDs: one here could only be an entity bomb.
    if b"<!DOCTYPE" in types or b"<!ENTITY" in types:
        raise _NotContainer
    try:
        root = ET.fromstring(types)
    except ET.ParseError:
        raise _NotContainer from None
    names = set(archive.namelist())
    main_type = OOXML_MAIN_PARTS[code]
    parts = [
        element.get("PartName", "").lstrip("/")
        for element in root
        if element.tag.rsplit("}", 1)[-1] == "Override" and element.get("ContentType") == main_type
    ]
    if not any(part in names for part in parts):
        raise _NotContainer


def _odf(archive: zipfile.ZipFile, code: str) -> None:
    entries = archive.infolist()
    # The first part of an OpenDocument file is «mimetype», stored uncompressed.
    if not entries or entries[0].filename != "mimetype":
        raise _NotContainer
    if _member(archive, "mimetype").strip() != ODF_MIMETYPES[code]:
        raise _NotContainer
    if "content.xml" not in archive.namelist():
        raise _NotContainer


def _open_container(data: bytes, kind: Kind, policy: Policy) -> tuple[bytes, Kind]:
    try:
        if kind.code in OLE_STREAMS:
            # The compound file's directory names its streams: a Word file has «WordDocument».
            if not any(name.encode("utf-16-le") in data for name in OLE_STREAMS[kind.code]):
                raise _NotContainer
        else:
            with _zip(data) as archive:
                if kind.code in OOXML_MAIN_PARTS:
                    _ooxml_main_part(archive, kind.code)
                else:
                    _odf(archive, kind.code)
    except _NotContainer:
        raise _refuse(CONTAINER_BROKEN.format(label=kind.label), "broken") from None
    return data, kind


OPENERS = {
    "pdf": _open_pdf,
    "jpg": _open_image,
    "png": _open_image,
    "docx": _open_container,
    "xlsx": _open_container,
    "odt": _open_container,
    "doc": _open_container,
    "xls": _open_container,
}


# --- the form field -------------------------------------------------------------------------------


class CheckedFileField(forms.FileField):
    """A file field that runs ``check``: its cleaned value is a ``CheckedFile``."""

    def __init__(self, *, policy: Policy, **kwargs):
        self.policy = policy
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": policy.accept_attribute}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if not value:
            return value
        return check(value, self.policy)
