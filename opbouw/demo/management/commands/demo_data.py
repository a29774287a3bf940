"""manage.py demo_data [--scale tiny|city|national] [--seed N] [--if-empty]"""

from django.core.management.base import BaseCommand, CommandError

from opbouw.accounts.models import User
from opbouw.demo.generate import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    SCALES,
    DemoDataError,
    demo_data_load,
)


class Command(BaseCommand):
    help = "Vul een lege database met demogegevens (deterministisch per --seed)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="city")
        parser.add_argument("--seed", type=int, default=2008)
        parser.add_argument("--if-empty", action="store_true",
                            help="Sla over zonder fout als er al gebruikers zijn.")

    def handle(self, *args, scale, seed, if_empty, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("Database bevat al gegevens; demogegevens overgeslagen.")
            self.print_logins()
            return
        try:
            summary = demo_data_load(scale=scale, seed=seed)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Demogegevens geladen ({scale}, seed {seed}): {summary.organisations} organisaties, "
            f"{summary.areas} gebieden, {summary.users} gebruikers, {summary.workers} "
            f"opbouwwerkers, {summary.coaches} coaches."
        ))
        if summary.competences:
            c = summary.competences
            self.stdout.write(
                f"Competenties: {c['rounds']} rondes, {c['ratings']} waarderingen, "
                f"{c['courses']} cursussen, {c['plans']} ontwikkelplannen, "
                f"{c['sessions']} coachingbijeenkomsten.")
        if summary.methods:
            self.stdout.write(f"Methoden: {summary.methods['interventions']} interventies, "
                              f"{summary.methods['offers']} keer aanbod.")
        if summary.work:
            w = summary.work
            self.stdout.write(
                f"Opdrachten: {w['action_plans']} wijkactieplannen, {w['priorities']} "
                f"prioriteiten, {w['assignments']} opdrachten, {w['agreements']} "
                f"resultaatafspraken, {w['manual_values']} gemeten waarden, "
                f"{w['amendments']} wijziging.")
            self.stdout.write(
                f"Logboek: {w['activities']} activiteiten van {w['logbook_workers']} "
                f"opbouwwerkers. Signalen: {w['signals']} signalen, {w['follow_ups']} "
                f"vervolgnotities; stijgende drugsoverlast in {w['trend_district']}.")
            if w.get("note"):
                self.stdout.write(w["note"])
        self.print_logins()

    def print_logins(self):
        present = set(User.objects.filter(
            username__in=[u for u, _r, _d in DEMO_LOGINS], is_active=True
        ).values_list("username", flat=True))
        if not present:
            return
        self.stdout.write(f"Demo-logins (wachtwoord: {DEMO_PASSWORD}):")
        for username, role, description in DEMO_LOGINS:
            if username in present:
                self.stdout.write(f"  {username:<14} {str(role.label):<14} {description}")
