from django_tasks import task

from booking.notifications import notification_send, waiting_list_email_send


@task(backend="background", queue_name="email")
def send_notification(notification_id):
    return notification_send(notification_id=notification_id)


@task(backend="background", queue_name="email")
def send_waiting_list_email(email_id):
    return waiting_list_email_send(email_id=email_id)
