""" "Which help fits me?": the questions editors write, and the one suggestion the answers lead to.

Each answer names the kinds of help it points to; the kind with most points wins, ties going to
the suggestion listed first (so the editors' order is the tie-break). Nothing is stored: the
answers so far travel in the form of each step and are gone when the page is left.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HelpKind(models.TextChoices):
    BUDDY = "buddy", _("A buddy (peer support)")
    COUNSELING = "counseling", _("Talking with a counselor")
    GROUP = "group", _("A group")
    PSYCHOSOCIAL = "psychosocial", _("Support with family or community (psychosocial)")
    CONTACT = "contact", _("Someone contacts me")
    REPORT = "report", _("Telling the school safety team")


class AnswerBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("answer"), max_length=120)
    label_en = blocks.CharBlock(label=_("answer (English)"), max_length=120, required=False)
    points_to = blocks.MultipleChoiceBlock(
        label=_("points to"), choices=HelpKind.choices, help_text=_("The kinds of help this answer suggests.")
    )


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=160)
    question_en = blocks.CharBlock(label=_("question (English)"), max_length=160, required=False)
    hint = blocks.CharBlock(label=_("hint"), max_length=240, required=False)
    hint_en = blocks.CharBlock(label=_("hint (English)"), max_length=240, required=False)
    answers = blocks.ListBlock(AnswerBlock(), label=_("answers"), min_num=2, max_num=6)

    class Meta:
        icon = "help"


class SuggestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("kind of help"), choices=HelpKind.choices)
    title = blocks.CharBlock(label=_("title"), max_length=120)
    title_en = blocks.CharBlock(label=_("title (English)"), max_length=120, required=False)
    text = blocks.TextBlock(label=_("what it is and what happens next"))
    text_en = blocks.TextBlock(label=_("what it is and what happens next (English)"), required=False)
    page = blocks.PageChooserBlock(
        label=_("page of the next step"),
        required=False,
        help_text=_(
            "Leave empty for 'someone contacts me' and 'telling the school safety team': their forms are used."
        ),
    )
    link_label = blocks.CharBlock(label=_("button text"), max_length=60)
    link_label_en = blocks.CharBlock(label=_("button text (English)"), max_length=60, required=False)

    class Meta:
        icon = "pick"


def localized(value, name):
    """A block's text in the active language (English falls back to Bahasa Indonesia)."""
    english = value.get(f"{name}_en")
    return english if get_language() == "en" and english else value[name]


def parse_answers(raw, questions):
    """The answers so far, as indexes into each question's answers; None if they were tampered with."""
    if not raw:
        return []
    try:
        answers = [int(part) for part in raw.split(",")]
    except ValueError:
        return None
    if len(answers) > len(questions) or any(
        not 0 <= answer < len(question.value["answers"])
        for answer, question in zip(answers, questions, strict=False)
    ):
        return None
    return answers


def suggestion_order(questions, suggestions, answers):
    """The suggestions, the one the answers point to most first (ties: the editors' order)."""
    points = {}
    for question, answer in zip(questions, answers, strict=True):
        for kind in question.value["answers"][answer]["points_to"]:
            points[kind] = points.get(kind, 0) + 1
    ranked = sorted(enumerate(suggestions), key=lambda pair: (-points.get(pair[1].value["kind"], 0), pair[0]))
    return [suggestion for _index, suggestion in ranked]
