"""Moving a model from one app to another without touching its table or its rows.

A moved model keeps its table (``db_table``) and its migrations only change Django's idea of
which app owns it (``SeparateDatabaseAndState``). Its content type must follow too: pages point
at their content type, and so do permissions and revisions. ``move_content_types`` gives the
``RunPython`` operation that renames the content type rows, keeping their ids.
"""

from django.db import migrations


def move_content_types(*moves):
    """A RunPython operation for ``(model_name, old_app_label, new_app_label)`` triples."""

    def forwards(apps, schema_editor):
        _move(apps, [(model, old, new) for model, old, new in moves])

    def backwards(apps, schema_editor):
        _move(apps, [(model, new, old) for model, old, new in moves])

    return migrations.RunPython(forwards, backwards)


def _move(apps, moves):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    permission_model = apps.get_model("auth", "Permission")
    for model, old_label, new_label in moves:
        content_type = content_type_model.objects.filter(app_label=old_label, model=model).first()
        if content_type is None:
            continue  # a database that never had the model: Django creates it afresh
        stale = content_type_model.objects.filter(app_label=new_label, model=model).first()
        if stale is not None:
            # Made by an earlier partial run: fold what points at it into the original row.
            page_model.objects.filter(content_type=stale).update(content_type=content_type)
            permission_model.objects.filter(content_type=stale).delete()
            stale.delete()
        content_type.app_label = new_label
        content_type.save(update_fields=["app_label"])
    content_type_model.objects.clear_cache()
