"""What core runs on a task worker: large spreadsheet exports (their own queue, so no email waits behind one)."""

from django_tasks import task

from core.spreadsheets import spreadsheet_build


@task(backend="background", queue_name="exports")
def build_spreadsheet(spreadsheet_id):
    return spreadsheet_build(spreadsheet_id)
