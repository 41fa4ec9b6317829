"""Why a whole file is refused: one Swedish message a data steward can act on."""


class FileRefused(Exception):
    """The file cannot be imported at all; nothing in it changes any data."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
