from typing import Any

from django.contrib import admin

from mia.appointments import services
from mia.appointments.models import (
    Booking,
    BookingItem,
    CapacityBlock,
    CapacityRule,
    WaitlistEntry,
)


@admin.register(CapacityRule)
class CapacityRuleAdmin(admin.ModelAdmin):
    list_display = ["team", "location", "weekday", "starts", "ends", "desks"]
    list_filter = ["location", "team", "weekday"]

    def save_model(self, request: Any, obj: CapacityRule, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.waitlist_offers_schedule(location_id=obj.location_id)  # new times: waitlist first


class BookingItemInline(admin.TabularInline):
    model = BookingItem
    extra = 0
    readonly_fields = ["service", "team", "position", "start", "end"]
    can_delete = False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["code", "start", "location", "status", "language"]
    list_filter = ["status", "location"]
    search_fields = ["code", "name", "email", "phone"]
    date_hierarchy = "start"
    readonly_fields = ["code", "start", "end", "created_at", "cancelled_at", "created_by"]
    inlines = [BookingItemInline]

    def has_add_permission(self, request: object) -> bool:
        return False  # bookings go through the booking service, which checks capacity


@admin.register(CapacityBlock)
class CapacityBlockAdmin(admin.ModelAdmin):
    list_display = ["team", "location", "start", "end", "desks", "reason", "created_by"]
    list_filter = ["location", "team"]
    date_hierarchy = "start"
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request: Any, obj: CapacityBlock, form: Any, change: bool) -> None:
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ["code", "created_at", "location", "status", "language"]
    list_filter = ["status", "location"]
    search_fields = ["code", "name", "email", "phone"]
    readonly_fields = ["code", "created_at", "offer"]
