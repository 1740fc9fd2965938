"""Users, roles and credentials, read from a YAML config file.

Passwords are stored as scrypt hashes and API tokens as SHA-256 hashes, so the file can
be kept in a private repository without handing out working credentials. scrypt comes
with Python (``hashlib``): no extra dependency. Tokens are long random strings, so a
plain SHA-256 is enough for them (nobody can guess one by trying words).

Make a hash with ``python -m reportgen.web.users hash-password`` and a new token (and
its hash) with ``python -m reportgen.web.users new-token``.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from reportgen.compose.spec import read_yaml, validation_error
from reportgen.errors import SpecError

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
TOKEN_PREFIX = "rg_"


class RoleDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    exempt: bool = False  # may see exempt (Schedule 12A) reports and full agenda packs
    details: bool = False  # sees the technical detail of a failed build, not just a reference


#: Used when the config file has no ``roles:`` block.
DEFAULT_ROLES: dict[str, RoleDef] = {
    "public": RoleDef(description="Published material only"),
    "manager": RoleDef(description="Service managers: non-exempt reports and public packs"),
    "member": RoleDef(description="Elected members: exempt reports and full packs", exempt=True),
    "analyst": RoleDef(
        description="Performance analysts: everything, with error details",
        exempt=True,
        details=True,
    ),
    "admin": RoleDef(
        description="Administrators: everything, with error details", exempt=True, details=True
    ),
}


class UserDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    username: str = Field(min_length=1, pattern=r"^[A-Za-z0-9._@-]+$")
    name: str = ""
    role: str
    password: str | None = None  # "scrypt$N$r$p$salt$hash"; none: API tokens only
    tokens: list[str] = Field(default_factory=list)  # "sha256:<hex>"

    @model_validator(mode="after")
    def _credentials(self) -> UserDef:
        if self.password is not None and not self.password.startswith("scrypt$"):
            raise ValueError(
                "password must be a hash made by "
                "`python -m reportgen.web.users hash-password`, not plain text"
            )
        for token in self.tokens:
            if not token.startswith("sha256:") or len(token) != 71:
                raise ValueError(
                    "tokens must be 'sha256:' and 64 hex digits, made by "
                    "`python -m reportgen.web.users new-token`"
                )
        return self


class UsersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    demo: bool = False  # the shipped demo credentials: the server warns at start-up
    roles: dict[str, RoleDef] = Field(default_factory=lambda: dict(DEFAULT_ROLES))
    users: list[UserDef] = Field(default_factory=list)
    server: dict[str, object] = Field(default_factory=dict)  # read by settings.py

    @model_validator(mode="after")
    def _known_roles(self) -> UsersFile:
        names = [u.username for u in self.users]
        for user in self.users:
            if user.role not in self.roles:
                raise ValueError(
                    f"user '{user.username}' has unknown role '{user.role}' "
                    f"(roles: {', '.join(self.roles)})"
                )
            if names.count(user.username) > 1:
                raise ValueError(f"user '{user.username}' is listed twice")
        return self


@dataclass(frozen=True)
class User:
    """A signed-in person or system, with what their role allows."""

    username: str
    name: str
    role: str
    role_def: RoleDef = field(default_factory=RoleDef)

    @property
    def may_see_exempt(self) -> bool:
        return self.role_def.exempt

    @property
    def sees_details(self) -> bool:
        return self.role_def.details

    @property
    def display_name(self) -> str:
        return self.name or self.username


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def hash_token(token: str) -> str:
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


# A hash to check against when the username is unknown, so that a wrong username takes
# as long as a wrong password and does not reveal which usernames exist.
_DUMMY_HASH = hash_password("not a password", salt=b"reportgen-dummy!")


class Directory:
    """The users config file, loaded: look people up by password or by API token."""

    def __init__(self, config: UsersFile) -> None:
        self.config = config
        self._users = {u.username: u for u in config.users}
        self._tokens = {t: u for u in config.users for t in u.tokens}

    @classmethod
    def load(cls, path: Path) -> Directory:
        if not path.is_file():
            raise SpecError(
                "users config file not found",
                file=path,
                hint="copy config/users.example.yaml to config/users.yaml or pass --config",
            )
        data, text = read_yaml(path)
        try:
            return cls(UsersFile.model_validate(data))
        except ValidationError as exc:
            raise validation_error(path, text, exc) from None

    def _user(self, definition: UserDef) -> User:
        return User(
            definition.username,
            definition.name,
            definition.role,
            self.config.roles[definition.role],
        )

    def get(self, username: str) -> User | None:
        definition = self._users.get(username)
        return self._user(definition) if definition else None

    def authenticate(self, username: str, password: str) -> User | None:
        definition = self._users.get(username)
        stored = definition.password if definition and definition.password else _DUMMY_HASH
        ok = verify_password(password, stored)
        return self._user(definition) if ok and definition and definition.password else None

    def by_token(self, token: str) -> User | None:
        definition = self._tokens.get(hash_token(token))
        return self._user(definition) if definition else None


def main(argv: list[str] | None = None) -> int:
    """Make credentials for the config file without writing a password anywhere."""
    parser = argparse.ArgumentParser(prog="python -m reportgen.web.users")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("hash-password", help="hash a password (read from the terminal or stdin)")
    sub.add_parser("new-token", help="print a new API token and the hash for the config")
    args = parser.parse_args(argv)
    if args.command == "hash-password":
        password = (
            getpass.getpass("Password: ")
            if sys.stdin.isatty()
            else sys.stdin.readline().rstrip("\n")
        )
        print(hash_password(password))
    else:
        token = new_token()
        print(f"token (give to the client, keep secret): {token}")
        print(f"for config/users.yaml, under the user's tokens: {hash_token(token)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
