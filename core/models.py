"""The core's one model: the counter behind every rate-limited form (core.ratelimit)."""

from django.db import models


class RateLimitAttempt(models.Model):
    """One use of a rate-limited form (core.ratelimit): sign-ups, password resets and requests
    for access, when the counts are not kept in Redis. Addresses are stored as keyed hashes and
    kept for a day."""

    scope = models.CharField(max_length=40)
    address_hash = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "address_hash", "created_at"], name="ratelimit_address"),
            models.Index(fields=["scope", "ip_hash", "created_at"], name="ratelimit_ip"),
        ]

    def __str__(self):
        return f"{self.scope} at {self.created_at:%Y-%m-%d %H:%M}"
