from django_tasks import task

from buddies.emails import buddy_email_send


@task(backend="background", queue_name="email")
def send_buddy_email(email_id):
    return buddy_email_send(email_id=email_id)
