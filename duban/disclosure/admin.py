"""Publications, shown for inspection; only disclosure.services.publish makes one."""

from django.contrib import admin

from duban.inspection import ReadOnly

from .models import Publication


@admin.register(Publication)
class PublicationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["plan", "kind", "published_at", "published_by", "task_count"]
    list_filter = ["kind"]
    raw_id_fields = ["plan"]
