"""manage.py import_areas FILE.csv: import or update the areas of any municipality."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opbouw.areas.services import areas_import_csv
from opbouw.core.csvread import UnreadableFile, decode_csv_bytes


class Command(BaseCommand):
    help = (
        "Importeer gebieden uit een CSV-bestand met de kolommen code, naam, "
        "bovenliggende_code (en eventueel code_synthetisch, bron). Bij een fout wordt niets "
        "opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {file} niet lezen: {exc.strerror}") from exc
        try:
            # A file on the server, not an upload: room for every area of the country.
            text = decode_csv_bytes(raw, max_bytes=50 * 1024 * 1024)
        except UnreadableFile as exc:
            raise CommandError(f"Niets geïmporteerd: {exc}") from exc
        result = areas_import_csv(text=text)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Niets geïmporteerd: {len(result.errors)} fout(en) in {file.name}."
            )
        self.stdout.write(self.style.SUCCESS(
            f"{result.created} gebieden toegevoegd, {result.updated} bijgewerkt."
        ))
