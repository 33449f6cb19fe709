from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from mentoring.models import (
    Membership,
    MentoringForm,
    Municipality,
    Organisation,
    Programme,
    RoleVariant,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation", "municipality"]
    fields = ["role", "organisation", "municipality"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "last_name", "first_name", "middle_name", "email", "is_staff", "is_active"]
    search_fields = ["username", "last_name", "first_name", "middle_name", "email"]
    list_filter = ["is_staff", "is_active", "memberships__role", "memberships__organisation"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("ФИО и контакты", {"fields": ("last_name", "first_name", "middle_name", "email")}),
        ("Доступ", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Даты", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "last_name",
                    "first_name",
                    "middle_name",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "kind", "municipality", "head_name", "is_active"]
    list_filter = ["kind", "municipality", "is_active"]
    search_fields = ["name", "short_name"]


class RoleVariantInline(admin.TabularInline):
    model = RoleVariant
    extra = 1


@admin.register(MentoringForm)
class MentoringFormAdmin(admin.ModelAdmin):
    list_display = ["name", "also_known_as", "mentor_side", "mentee_side", "order", "is_active"]
    inlines = [RoleVariantInline]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "start_date", "end_date", "status", "is_current"]
    list_filter = ["status", "organisation"]
    search_fields = ["name"]
    filter_horizontal = ["forms"]
