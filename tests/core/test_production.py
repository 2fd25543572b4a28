"""Production settings: strict about what they need, clean under `check --deploy`, safe headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k8s7d6f5g4h3j2k1l0" * 3,
    "DJANGO_ALLOWED_HOSTS": "rangkul.sekolah.example",
    "DATABASE_URL": "postgres://rangkul:secret@db.internal:5432/rangkul",
    "RANGKUL_BASE_URL": "https://rangkul.sekolah.example",
    "DJANGO_DEFAULT_FROM_EMAIL": "Rangkul <rangkul@sekolah.example>",
    "DJANGO_EMAIL_HOST": "smtp.sekolah.example",
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
}


def manage(*args, **env_changes):
    env = {**PRODUCTION_ENV, **env_changes}
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "RANGKUL_BASE_URL",
        "DJANGO_DEFAULT_FROM_EMAIL",
        "DJANGO_EMAIL_HOST",
    ],
)
def test_production_refuses_to_start_without_what_it_needs(missing):
    result = manage("check", **{missing: None})
    assert result.returncode != 0
    assert f"Set {missing} in the environment" in result.stderr


def test_production_never_falls_back_to_sqlite():
    result = manage("check", DATABASE_URL="sqlite:////tmp/rangkul.sqlite3")
    assert result.returncode != 0 and "must point at PostgreSQL" in result.stderr


@pytest.mark.django_db
def test_public_pages_carry_a_strict_policy_and_the_admin_is_left_to_wagtail(client, admin_client):
    response = client.get("/id/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Content-Security-Policy" not in admin_client.get("/admin/")


@pytest.mark.django_db
def test_the_health_check_says_ok_or_unavailable_and_nothing_more(client, monkeypatch):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-cache" in response["Cache-Control"]

    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused to db.internal:5432 as rangkul")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    down = client.get("/healthz")
    assert (down.status_code, down.content) == (503, b"unavailable\n")


@pytest.mark.django_db
def test_an_uploaded_svg_opened_on_its_own_cannot_run_script(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    )
    response = client.get("/media/original_images/logo.svg")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy and "script" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/../config/settings/base.py").status_code in (400, 404)


def test_uploads_can_live_in_s3_compatible_storage():
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, settings.RANGKUL_SERVE_MEDIA,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1])",
        RANGKUL_S3_BUCKET="rangkul-media",
        RANGKUL_S3_ACCESS_KEY_ID="key",
        RANGKUL_S3_SECRET_ACCESS_KEY="secret",
        RANGKUL_S3_CUSTOM_DOMAIN="media.sekolah.example",
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1].split() == [
        "S3Storage",
        "rangkul-media",
        "False",
        "https://media.sekolah.example",
    ]
    assert (
        "Set RANGKUL_S3_SECRET_ACCESS_KEY"
        in manage("check", RANGKUL_S3_BUCKET="b", RANGKUL_S3_ACCESS_KEY_ID="k").stderr
    )
