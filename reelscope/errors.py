"""The error a user can fix: printed as one line, exit status 2, never a traceback."""


class UserError(Exception):
    """A mistake in the user's input (file, option, URL) with a message that names it."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code
