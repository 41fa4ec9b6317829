"""Why a whole file is refused: one Swedish message a data steward can act on."""

from kps.errors import DomainError


class FileRefused(DomainError):
    """The file cannot be imported at all; nothing in it changes any data."""

    code = "file_refused"

    def __init__(self, message: str):
        super().__init__(message)
