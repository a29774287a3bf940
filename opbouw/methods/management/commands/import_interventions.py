"""manage.py import_interventions FILE.json: add interventions (as drafts) from a JSON export."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opbouw.methods.services import interventions_import


class Command(BaseCommand):
    help = "Importeer interventies uit een JSON-bestand zoals de export; bij een fout niets."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CommandError(f"Kan {file} niet lezen als JSON: {exc}") from exc
        problems = interventions_import(data=data)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Niets geïmporteerd: {len(problems)} probleem/problemen.")
        self.stdout.write(self.style.SUCCESS(
            f"{len(data['interventions'])} interventies geïmporteerd als concept."))
