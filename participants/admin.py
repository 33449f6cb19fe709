"""Staff's view of the bases: reference lists are edited here; personal records are read-mostly."""

from django.contrib import admin

from participants.models import AccessLogEntry, Mentee, MenteeCategory, Mentor, Person, Topic


@admin.register(MenteeCategory, Topic)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "audience", "order", "is_active"]
    list_filter = ["audience", "is_active"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "kind", "grade", "class_letter", "pseudonymised_at"]
    list_filter = ["kind", "organisation"]
    search_fields = ["last_name", "first_name", "external_id"]
    readonly_fields = ["pseudonymised_at", "version"]
    raw_id_fields = ["user"]


@admin.register(Mentee)
class MenteeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "status", "entry_date"]
    list_filter = ["status"]
    raw_id_fields = ["person"]


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "contour", "stage", "capacity"]
    list_filter = ["stage", "contour"]
    raw_id_fields = ["person"]


@admin.register(AccessLogEntry)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "organisation", "user", "action", "person", "detail"]
    list_filter = ["action"]

    # The journal is evidence: nobody edits or deletes it, not even staff.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
