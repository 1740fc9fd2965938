"""Users config: hashed credentials only, clear errors, and the shipped files load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.errors import SpecError
from reportgen.web.settings import WebSettings
from reportgen.web.users import Directory, hash_password, hash_token, verify_password

ROOT = Path(__file__).resolve().parents[2]


def test_password_hashes_verify_and_differ_by_salt():
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert verify_password("correct horse", first) and verify_password("correct horse", second)
    assert not verify_password("Correct horse", first)
    assert not verify_password("correct horse", "scrypt$garbage")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "users.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plain_text_password_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, "users:\n  - username: jo\n    role: manager\n    password: secret\n")
    with pytest.raises(SpecError) as caught:
        Directory.load(path)
    assert "not plain text" in caught.value.message and caught.value.file == path


def test_an_unknown_role_is_refused(tmp_path):
    path = write(tmp_path, "users:\n  - username: jo\n    role: boss\n")
    with pytest.raises(SpecError, match="unknown role 'boss'"):
        Directory.load(path)


def test_tokens_are_matched_by_hash_and_api_only_users_cannot_sign_in(tmp_path):
    path = write(
        tmp_path,
        "users:\n  - username: system\n    role: manager\n"
        f'    tokens: ["{hash_token("rg_abc")}"]\n',
    )
    directory = Directory.load(path)
    user = directory.by_token("rg_abc")
    assert user is not None and user.username == "system" and not user.may_see_exempt
    assert directory.by_token("rg_abd") is None
    assert directory.authenticate("system", "") is None
    assert "rg_abc" not in path.read_text()


def test_the_demo_and_example_configs_load():
    demo = Directory.load(ROOT / "config" / "users.yaml")
    assert demo.config.demo is True
    manager = demo.authenticate("manager", "demo-manager")
    assert manager is not None and manager.role == "manager" and not manager.may_see_exempt
    member = demo.authenticate("member", "demo-member")
    assert member is not None and member.may_see_exempt
    analyst = demo.by_token("rg_demo_analyst_token_not_secret")
    assert analyst is not None and analyst.sees_details
    example = Directory.load(ROOT / "config" / "users.example.yaml")
    assert example.config.demo is False
    settings = WebSettings.for_project(ROOT, ROOT / "config" / "users.example.yaml", workers=3)
    assert settings.workers == 3 and settings.cache_dir == ROOT / "output" / "web"
    assert settings.reports_dir == ROOT / "reports"


def test_the_hash_password_command_reads_stdin():
    result = subprocess.run(
        [sys.executable, "-m", "reportgen.web.users", "hash-password"],
        input="s3cret\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert verify_password("s3cret", result.stdout.strip())
    token = subprocess.run(
        [sys.executable, "-m", "reportgen.web.users", "new-token"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    secret = token.split("keep secret): ")[1].split()[0]
    assert hash_token(secret) in token


def test_serve_help_lists_its_options():
    result = subprocess.run(
        [sys.executable, "-c", "from reportgen.cli import app; app()", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    for option in ("--host", "--port", "--config", "--project", "--workers", "--cache"):
        assert option in result.stdout
