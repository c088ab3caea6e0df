"""python manage.py bulletin --year Y --month M --format json|html|docx|xlsx [--out FILE] [--published]

Writes the month's bulletin: the live figures (a draft), or with --published the latest published
version exactly as issued. JSON and HTML go to stdout unless --out is given; .docx and .xlsx need --out
(or are written to stdout's binary buffer when it is not a terminal).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder

from bulletins.documents import version_meta
from bulletins.models import BulletinVersion
from bulletins.services import bulletin_draft, render_docx, render_xlsx
from bulletins.views import render_print_html


class Command(BaseCommand):
    help = "Write the monthly bulletin as JSON, HTML, .docx or .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, required=True)
        parser.add_argument("--format", dest="output_format", choices=["json", "html", "docx", "xlsx"], default="json")
        parser.add_argument("--out", help="file to write (default: standard output)")
        parser.add_argument(
            "--published", action="store_true", help="the latest published version as issued, not the live figures"
        )

    def handle(
        self, *args: Any, year: int, month: int, output_format: str, out: str | None, published: bool, **options: Any
    ) -> None:
        if not 1 <= month <= 12:
            raise CommandError("--month must be between 1 and 12")
        issued_docx: bytes | None = None  # a published version's Word document, exactly as issued
        if published:
            version = (
                BulletinVersion.objects.filter(bulletin__year=year, bulletin__month=month).order_by("-number").first()
            )
            if version is None:
                raise CommandError(f"The bulletin of {year}-{month:02d} has not been published.")
            figures, meta = version.figures, version_meta(version)
            issued_docx = bytes(version.docx)
        else:
            draft = bulletin_draft(year=year, month=month)
            figures, meta = draft.figures, draft.meta

        if output_format == "json":
            content: bytes = (json.dumps(figures, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder) + "\n").encode()
        elif output_format == "html":
            content = render_print_html(figures, meta).encode()
        elif output_format == "docx":
            content = issued_docx if issued_docx is not None else render_docx(figures, meta)
        else:
            content = render_xlsx(figures, meta)

        if out:
            with open(out, "wb") as handle:
                handle.write(content)
            self.stderr.write(f"{out}: {len(content)} bytes")
            return
        if output_format in ("docx", "xlsx") and self.stdout.isatty():
            raise CommandError(f"--format {output_format} is binary: give --out FILE or redirect the output")
        if output_format in ("json", "html"):
            self.stdout.write(content.decode(), ending="")
        else:
            self.stdout.flush()
            getattr(self.stdout._out, "buffer", sys.stdout.buffer).write(content)
