"""StreamField blocks shared by every page type. Templates live in site/templates/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading (H2)")), ("h3", _("Sub-heading (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "Apa itu Bimbingan Konseling?", "level": "h2"}


class DefinitionCalloutBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=120)
    definition = blocks.RichTextBlock(label=_("Definition"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        template = "blocks/definition_callout_block.html"
        label = _("Definition callout")
        description = _("A highlighted box that explains what a term means in plain words.")
        preview_value = {
            "term": "Dukungan Teman Sebaya",
            "definition": "Teman seusia yang sudah dilatih untuk mendengarkan dan mendukung.",
        }


class TitledListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Item title"), max_length=120)),
                ("text", blocks.TextBlock(label=_("Item text"), required=False)),
            ],
            icon="list-ul",
        ),
        label=_("Items"),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/titled_list_block.html"
        label = _("Titled list")
        description = _("A titled list, for example the aims or the functions of a service.")
        preview_value = {
            "title": "Tujuan",
            "intro": "",
            "items": [{"title": "Lebih terhubung", "text": "Siswa merasa punya teman untuk bercerita."}],
        }


class ExampleCardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    cards = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Card title"), max_length=120)),
                ("text", blocks.TextBlock(label=_("Card text"))),
            ],
            icon="doc-full",
        ),
        label=_("Cards"),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/example_cards_block.html"
        label = _("Example cards")
        description = _("Short cards that show what a service looks like in practice.")
        preview_value = {
            "title": "Contoh kegiatan",
            "cards": [{"title": "Sistem Buddy", "text": "Siswa baru didampingi kakak kelas."}],
        }


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    questions = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("Question"), max_length=200)),
                ("answer", blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)),
            ],
            icon="help",
        ),
        label=_("Questions"),
    )

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        label = _("Frequently asked questions")
        description = _("Questions that open to show their answer; works without JavaScript.")
        preview_value = {
            "title": "Pertanyaan yang sering diajukan",
            "questions": [{"question": "Apakah gratis?", "answer": "Ya, layanan ini gratis."}],
        }


class TableSectionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=200,
        help_text=_("Says what the table shows; read out first by screen readers."),
    )
    table = TableBlock(label=_("Table"), table_options={"startRows": 4, "startCols": 4})

    def get_context(self, value, parent_context=None):
        """Header cells, and body cells paired with their column's heading (shown beside them on phones)."""
        context = super().get_context(value, parent_context=parent_context)
        table = value["table"] or {}
        rows = [[cell or "" for cell in row] for row in table.get("data") or []]
        header = rows.pop(0) if rows and table.get("first_row_is_table_header") else []
        context["header"] = header
        context["body"] = [
            [
                {
                    "text": cell,
                    "label": header[index] if index < len(header) else "",
                    "is_row_header": index == 0 and bool(table.get("first_col_is_header")),
                }
                for index, cell in enumerate(row)
            ]
            for row in rows
        ]
        return context

    class Meta:
        icon = "table"
        template = "blocks/table_section_block.html"
        label = _("Table")
        description = _("A table with a caption; mark the first row as a header row.")
        preview_value = {
            "caption": "Perbandingan layanan",
            "table": {"first_row_is_table_header": True, "data": [["Layanan", "Siapa"], ["BK", "Konselor"]]},
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("An image with required alternative text and an optional caption.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return result

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A box with a short message and one button that leads to the next step.")
        preview_value = {
            "title": "Ingin bicara dengan konselor?",
            "text": "Pilih waktu yang cocok untukmu.",
            "link_label": "Buat janji",
            "url": "https://example.org",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A short quote; do not name a young person without consent.")
        preview_value = {"quote": "Aku jadi tahu, aku tidak sendirian.", "attribution": "Siswa kelas 8"}


class HotlineListBlock(blocks.StaticBlock):
    class Meta:
        icon = "warning"
        template = "blocks/hotline_list_block.html"
        label = _("Hotline list")
        admin_text = _("Shows every hotline from Snippets → Hotlines, in their order. Nothing to fill in.")
        description = _("The emergency and help lines, kept up to date in one place.")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Paragraphs, lists and links."),
        preview_value="<p>Kami siap mendengarkan.</p>",
    )
    definition = DefinitionCalloutBlock()
    titled_list = TitledListBlock()
    example_cards = ExampleCardsBlock()
    faq = FAQBlock()
    table = TableSectionBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    hotlines = HotlineListBlock()
