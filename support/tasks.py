from django_tasks import task

from support.emails import support_email_send


@task(backend="background", queue_name="email")
def send_support_email(email_id):
    return support_email_send(email_id=email_id)
