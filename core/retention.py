"""Removing a person's details from their records, the same way in every app.

A record keeps what statistics need (its session or program, status, age group, dates);
what identifies the person is replaced by ``REMOVED`` or an address nobody can receive at.
Wagtail's history of the record is scrubbed too, and emails still waiting to be built from
the removed details are dropped.
"""

from core.audit import history_scrub

REMOVED = "—"


def anonymised_address(record):
    return f"{record._meta.model_name}-{record.pk}@anonymised.invalid"


def guardian_scrub(record):
    # Under-18 rows must keep a (non-identifying) guardian value: a database rule requires it.
    if record.guardian_name or record.guardian_contact:
        record.guardian_name = REMOVED
        record.guardian_contact = REMOVED


def records_anonymise(model, rows, fields, *, emails_of):
    """Save the scrubbed ``rows`` of ``model``, scrub their history and drop their emails; how many.

    ``emails_of(ids)`` is the queryset of the emails owed to those rows.
    """
    model.objects.bulk_update(rows, [*fields, "anonymised_at"])
    ids = [row.pk for row in rows]
    history_scrub(model, ids)
    emails_of(ids).delete()
    return len(rows)
