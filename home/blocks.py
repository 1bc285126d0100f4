"""StreamField blocks for content pages: everything renders without JavaScript."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Zwischenüberschrift")
        template = "home/blocks/heading.html"
        help_text = _("Kurze Überschrift für einen neuen Abschnitt.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        help_text=_("Beschreiben Sie, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können."),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "home/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text der Schaltfläche"))
    page = blocks.PageChooserBlock(label=_("Seite"), required=False)
    url = blocks.URLBlock(label=_("oder Adresse (URL)"), required=False)

    class Meta:
        icon = "link"
        label = _("Handlungsaufforderung")
        template = "home/blocks/call_to_action.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Frage"))
    answer = blocks.RichTextBlock(label=_("Antwort"), features=["bold", "italic", "link", "ul", "ol"])


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Überschrift"), required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("Fragen"))

    class Meta:
        icon = "help"
        label = _("Fragen und Antworten")
        template = "home/blocks/faq.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Linktext"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "home/blocks/document_link.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ul", "ol", "h3", "document-link"],
    )
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    document = DocumentLinkBlock()


class InstitutionBlock(blocks.CharBlock):
    class Meta:
        icon = "group"
        label = _("Institution")
