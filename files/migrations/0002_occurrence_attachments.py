# Hand-written: a meeting record's files (scheduling.OccurrenceAttachment) become files.Attachment rows,
# the one attachment model every app uses. The stored files do not move: only their records do.

from django.db import migrations


def copy_occurrence_attachments(apps, schema_editor):
    OccurrenceAttachment = apps.get_model("scheduling", "OccurrenceAttachment")
    Attachment = apps.get_model("files", "Attachment")
    HistoricalAttachment = apps.get_model("files", "HistoricalAttachment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not OccurrenceAttachment.objects.exists():
        return
    occurrence_type, _ = ContentType.objects.get_or_create(app_label="scheduling", model="occurrence")
    for old in OccurrenceAttachment.objects.order_by("pk"):
        kind = "photo" if old.content_type.startswith("image/") else "document"
        new = Attachment.objects.create(
            content_type=occurrence_type,
            object_id=old.occurrence_id,
            kind=kind,
            file=old.file.name,
            original_name=old.original_name,
            mime_type=old.content_type,
            size=old.size,
            sha256=old.sha256,
            uploaded_by_id=old.uploaded_by_id,
            uploaded_at=old.uploaded_at,
        )
        HistoricalAttachment.objects.create(
            id=new.pk,
            content_type_id=occurrence_type.pk,
            object_id=new.object_id,
            kind=kind,
            file=new.file.name,
            original_name=new.original_name,
            mime_type=new.mime_type,
            size=new.size,
            sha256=new.sha256,
            caption="",
            uploaded_by_id=new.uploaded_by_id,
            uploaded_at=new.uploaded_at,
            history_date=old.uploaded_at,
            history_type="+",
            history_user_id=old.uploaded_by_id,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("files", "0001_initial"),
        ("scheduling", "0002_seed_notice_duties"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_occurrence_attachments, migrations.RunPython.noop),
    ]
