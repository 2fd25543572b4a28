"""The one kind of error a rule of the service raises: a message the person can read."""


class RuleError(Exception):
    """A broken rule (a full session, a missing consent…), with a translated message and a code.

    ``field`` names the form field the message belongs next to, when there is one.
    """

    def __init__(self, message, *, code, field=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
