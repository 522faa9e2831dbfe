from django.contrib import admin

from mia.appointments.models import Booking, BookingItem, CapacityRule


@admin.register(CapacityRule)
class CapacityRuleAdmin(admin.ModelAdmin):
    list_display = ["team", "location", "weekday", "starts", "ends", "desks"]
    list_filter = ["location", "team", "weekday"]


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
