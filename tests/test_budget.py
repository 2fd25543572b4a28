"""The page budget: small assets, small pages, nothing fetched from anyone else."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

STATIC = Path(settings.BASE_DIR) / "site" / "static"
# What a public page loads (site/templates/base.html): one stylesheet, one script.
CSS_BUDGET = 30 * 1024
JS_BUDGET = 15 * 1024
PROGRAM_PAGE_BUDGET = 60 * 1024


def test_the_public_stylesheet_and_script_stay_small():
    assert (STATIC / "css" / "site.css").stat().st_size <= CSS_BUDGET
    assert (STATIC / "js" / "site.js").stat().st_size <= JS_BUDGET


@pytest.mark.django_db
@pytest.mark.empty_site
@pytest.mark.parametrize("path", ["/id/layanan/bimbingan-konseling/", "/en/services/peer-support/", "/id/"])
def test_pages_stay_small_and_load_nothing_from_other_sites(client, path):
    call_command("load_initial_data", demo=True, verbosity=0)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) <= PROGRAM_PAGE_BUDGET
    # Scripts, styles, images, frames and fonts come from this site only (links to other sites are fine).
    loaded = re.findall(r'<(?:script|img|iframe|source|link)\b[^>]*?\b(?:src|href|srcset)="([^"]+)"', html)
    assert loaded
    assert [url for url in loaded if urlsplit(url).netloc not in ("", "testserver")] == []
