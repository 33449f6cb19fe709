"""Real small files for upload tests: every upload is opened by its reader (mentoring/uploads.py), so a
few magic bytes no longer pass for a PDF or a picture."""

from __future__ import annotations

import io
import zipfile

from PIL import ExifTags, Image
from pypdf import PdfWriter


def pdf_bytes(pages: int = 1, *, password: str = "") -> bytes:
    """A PDF of blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(
    size: tuple[int, int] = (4, 3), *, format: str = "PNG", mode: str = "RGB", color="white", exif=None
) -> bytes:
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, color).save(out, format, **options)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (4, 3), **options) -> bytes:
    return image_bytes(size, format="PNG", **options)


def jpeg_bytes(size: tuple[int, int] = (4, 3), **options) -> bytes:
    return image_bytes(size, format="JPEG", **options)


def bomb_png(side: int = 9400) -> bytes:
    """A «decompression bomb»: a square of ``side`` × ``side`` one-bit pixels, a few kilobytes on disk
    (88 megapixels for the default side, some 265 MB once decoded to RGB)."""
    return image_bytes((side, side), format="PNG", mode="1", color=0)


def gps_exif(*, orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: where the photo was taken, the phone, how it was held."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Школьный телефон"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (55.0, 45.0, 21.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (37.0, 37.0, 4.0)
    return exif


def docx_bytes() -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()
