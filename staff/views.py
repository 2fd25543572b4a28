"""The Reports page: a term's figures as charts, each with its numbers in a table, and CSV/XLSX export."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from core.localtime import local_zone
from staff.charts import bar_chart
from staff.figures import term_figures
from staff.models import Term

WEEKS_WITHOUT_A_TERM = 12


@dataclass
class ReportRow:
    """One number of one figure, as exported (long format: one row per number)."""

    figure: str
    category: str
    series: str
    value: int


def chosen_term(request, *, today):
    """The term asked for, else the latest that has begun; None when no term is set up."""
    terms = list(Term.objects.all())
    asked = request.GET.get("term", "")
    chosen = next((term for term in terms if str(term.pk) == asked), None)
    if chosen is None:
        chosen = next((term for term in terms if term.start_date <= today), terms[-1] if terms else None)
    return terms, chosen


class ServiceReportView(ReportView):
    page_title = _("Service report")
    header_icon = "table"
    template_name = "staff/service_report.html"
    index_url_name = "staff_service_report"
    paginate_by = None
    list_export = ["figure", "category", "series", "value"]
    export_headings = {
        "figure": _("Figure"),
        "category": _("Week or service"),
        "series": _("Measure"),
        "value": _("Value"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("staff.view_reports"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"rangkul-report-{self.first_day:%Y-%m-%d}"

    def get_queryset(self):
        now = timezone.now()
        today = now.astimezone(local_zone()).date()
        self.terms, self.term = chosen_term(self.request, today=today)
        if self.term:
            self.first_day, self.last_day = self.term.start_date, self.term.end_date
        else:
            self.first_day, self.last_day = today - datetime.timedelta(weeks=WEEKS_WITHOUT_A_TERM), today
        self.figures = term_figures(self.first_day, self.last_day, now=now)
        return [
            ReportRow(str(figure.title), str(category), str(name), value)
            for figure in self.figures
            for category, values in figure.rows
            for name, value in zip(figure.series, values, strict=True)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "terms": self.terms,
                "term": self.term,
                "first_day": self.first_day,
                "last_day": self.last_day,
                "figures": [(figure, bar_chart(figure)) for figure in self.figures],
            }
        )
        return context
