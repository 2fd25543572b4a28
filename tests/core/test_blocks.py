import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.blocks import BodyBlock
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_every_body_block_renders_on_a_page(client, home_page):
    image = Image.objects.create(title="Ilustrasi", file=get_test_image_file())
    stream = []
    for name, block in BodyBlock().child_blocks.items():
        value = getattr(block.meta, "preview_value", None)
        if name == "image":
            value = {"image": image, "alt_text": "Dua teman"}
        stream.append((name, value))
    page = StandardPage(title="Semua blok", slug="semua-blok", body=stream)
    home_page.add_child(instance=page)
    page.save_revision().publish()

    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.select_one("main")
    assert main.select_one("h2.block-heading").get_text() == "Apa itu Bimbingan Konseling?"
    assert main.select_one(".callout dfn").get_text() == "Dukungan Teman Sebaya"
    assert main.select_one(".titled-list li strong").get_text() == "Lebih terhubung"
    assert main.select_one(".example-cards .card__title").get_text() == "Sistem Buddy"
    assert main.select_one("details summary").get_text() == "Apakah gratis?"
    assert main.select_one("table caption").get_text() == "Perbandingan layanan"
    assert main.select_one("figure.image-block img")["alt"] == "Dua teman"
    assert main.select_one(".cta a.button")["href"] == "https://example.org"
    assert "tidak sendirian" in main.select_one(".quote blockquote").get_text()
    assert main.select_one(".hotline-list a[href='tel:112']")
    assert len(BodyBlock().child_blocks) == 11


def test_image_block_requires_alt_text():
    block = BodyBlock().child_blocks["image"]
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": ""}))
    assert "alt_text" in error.value.block_errors


def test_call_to_action_needs_a_destination():
    block = BodyBlock().child_blocks["call_to_action"]
    value = block.to_python({"title": "Ayo", "text": "", "link_label": "Klik", "page": None, "url": ""})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "page" in error.value.block_errors
