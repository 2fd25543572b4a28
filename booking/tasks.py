from django_tasks import task

from booking.notifications import notification_send


@task(backend="background", queue_name="email")
def send_notification(notification_id):
    return notification_send(notification_id=notification_id)
