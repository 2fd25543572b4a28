"""History entries about people's records, labelled without their personal data.

Wagtail copies an object's ``str()`` into each log entry, and site history lists those
labels to every staff member who may see the model. A booking's ``str()`` holds a name, so
its entries are labelled by kind and number instead ("booking #12").
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Value
from django.db.models.functions import Concat
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry


def log_private(instance, action, **kwargs):
    label = f"{instance._meta.verbose_name} #{instance.pk}"
    return log(instance=instance, action=action, title=label, **kwargs)


def history_scrub(model, ids):
    """The history entries of these rows keep a neutral label and no data (for erased or expired records)."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in ids]
    ).update(label=Concat(Value(f"{model._meta.verbose_name} #"), F("object_id")), data={})
