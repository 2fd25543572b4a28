"""Path converters shared by the apps' URLs."""


class TokenConverter:
    """A private link's token: what ``secrets.token_urlsafe`` makes, at most 64 characters.

    Anything else never reaches a view or the database (PostgreSQL refuses NUL characters).
    """

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
