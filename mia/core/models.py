from django.db import models


class RateCounter(models.Model):
    """Requests of one client address to one group of forms in one fixed time window.

    Kept in the database (not the cache) because the counter must be shared by all app
    processes and incremented atomically, which Django's database cache cannot do.
    """

    key = models.CharField(max_length=200)
    window = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="rate_counter_unique")
        ]
        indexes = [models.Index(fields=["window"])]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window:%H:%M}: {self.hits}"
