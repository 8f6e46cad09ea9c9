from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class BenchmarkingConfig(AppConfig):
    name = "benchmarking"
    verbose_name = "Benchmarking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import queries
        from .models import Area, Measure, Release, StatisticalNeighbour

        def changed(**kwargs):
            queries.data_changed()

        for model in (Area, Measure, Release, StatisticalNeighbour):
            post_save.connect(changed, sender=model, dispatch_uid=f"bm_{model.__name__}_saved")
            post_delete.connect(changed, sender=model, dispatch_uid=f"bm_{model.__name__}_gone")
        m2m_changed.connect(changed, sender=Release.groups.through, dispatch_uid="bm_groups")
