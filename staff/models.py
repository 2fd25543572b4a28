"""Terms: the periods the Reports page adds its figures up over."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    """A school term or semester, e.g. "Semester Ganjil 2026/2027"."""

    name = models.CharField(_("name"), max_length=80)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        permissions = [("view_reports", _("Can see the service reports"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="term_dates_in_order",
                violation_error_message=_("The last day cannot be before the first day."),
            )
        ]

    def __str__(self):
        return self.name
