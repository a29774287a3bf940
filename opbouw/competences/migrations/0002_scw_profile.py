"""Ship the SCW competency profile (summarised in our own words) as the first framework."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "scw_profile.json"


def load(apps, schema_editor):
    Framework = apps.get_model("competences", "Framework")
    Theme = apps.get_model("competences", "Theme")
    Competency = apps.get_model("competences", "Competency")
    Indicator = apps.get_model("competences", "Indicator")
    ScaleLevel = apps.get_model("competences", "ScaleLevel")
    Norm = apps.get_model("competences", "Norm")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    fw = data["framework"]
    if Framework.objects.filter(name=fw["name"], version=fw["version"]).exists():
        return
    framework = Framework.objects.create(name=fw["name"], version=fw["version"],
                                         source=fw["source"], description=fw["description"])
    for level in data["scale"]:
        ScaleLevel.objects.create(framework=framework, **level)
    by_code = {}
    order = 0
    for t_order, t in enumerate(data["themes"]):
        theme = Theme.objects.create(framework=framework, code=t["code"], name=t["name"],
                                     is_generic=t["generic"], order=t_order)
        for c in t["competencies"]:
            order += 1
            comp = Competency.objects.create(framework=framework, theme=theme, code=c["code"],
                                             name=c["name"], description=c["description"],
                                             kind=c["kind"], order=order)
            by_code[c["code"]] = comp
            for n, ind in enumerate(c["indicators"]):
                Indicator.objects.create(competency=comp, kind=ind["kind"], text=ind["text"],
                                         order=n)
    for norm in data["norms"]:
        Norm.objects.create(competency=by_code[norm["competency"]], scw_level=norm["scw_level"],
                            expected=norm["expected"])


def unload(apps, schema_editor):
    Framework = apps.get_model("competences", "Framework")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    Framework.objects.filter(name=data["framework"]["name"],
                             version=data["framework"]["version"]).delete()


class Migration(migrations.Migration):
    dependencies = [("competences", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
