# Hand-written: the flat-app layout (ARCHITECTURE.md). The register's models now belong to the `register`
# app (the projects/ package); this app (label `projects`, the accounts/ package) forgets them. Their
# tables keep their names. Content types follow every moved model, so admin history, permissions and
# attachments keep pointing at the same rows.

from django.db import migrations

MOVED = {
    # model: (old app label, new app label)
    "yeartarget": ("projects", "register"),
    "historicalyeartarget": ("projects", "register"),
    "project": ("projects", "register"),
    "historicalproject": ("projects", "register"),
    "projectyear": ("projects", "register"),
    "historicalprojectyear": ("projects", "register"),
    "monthlyprogress": ("projects", "register"),
    "historicalmonthlyprogress": ("projects", "register"),
    "importbatch": ("projects", "register"),
    "taskforce": ("taskforces", "projects"),
    "taskforcemembership": ("taskforces", "projects"),
    "campaign": ("campaigns", "projects"),
    "problem": ("taskforces", "problems"),
    "historicalproblem": ("taskforces", "problems"),
    "problemevent": ("taskforces", "problems"),
    "levelofficial": ("scheduling", "problems"),
    "notification": ("scheduling", "notifications"),
    "delivery": ("scheduling", "notifications"),
    "attachment": ("taskforces", "files"),
    "historicalattachment": ("taskforces", "files"),
}


def move_content_types(apps, schema_editor, *, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, (old, new) in MOVED.items():
        source, target = (new, old) if backwards else (old, new)
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # already there (a database that never had the old one)
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    move_content_types(apps, schema_editor)


def backwards(apps, schema_editor):
    move_content_types(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0002_taskforce_campaign_moved_in"),
        ("register", "0001_initial"),
        ("taskforces", "0006_models_moved_out"),
        ("campaigns", "0004_models_moved_out"),
        ("scheduling", "0003_models_moved_out"),
        ("problems", "0001_initial"),
        ("notifications", "0001_initial"),
        ("files", "0002_occurrence_attachments"),
        ("bulletins", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalMonthlyProgress"),
                migrations.DeleteModel(name="HistoricalProjectYear"),
                migrations.DeleteModel(name="HistoricalProject"),
                migrations.DeleteModel(name="HistoricalYearTarget"),
                migrations.DeleteModel(name="MonthlyProgress"),
                migrations.DeleteModel(name="ProjectYear"),
                migrations.DeleteModel(name="ImportBatch"),
                migrations.DeleteModel(name="YearTarget"),
                migrations.DeleteModel(name="Project"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
