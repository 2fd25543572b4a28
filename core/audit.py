"""History entries about people's records, labelled without their personal data.

Wagtail copies an object's ``str()`` into each log entry, and site history lists those
labels to every staff member who may see the model. A booking's ``str()`` holds a name, so
its entries are labelled by kind and number instead ("booking #12").
"""

from wagtail.log_actions import log


def log_private(instance, action, **kwargs):
    label = f"{instance._meta.verbose_name} #{instance.pk}"
    return log(instance=instance, action=action, title=label, **kwargs)
