"""Errors shared by the stages."""


class WartaError(Exception):
    """A failure that ends the whole run: the CLI prints it on one line and exits non-zero."""


class SkipArticle(Exception):
    """One input cannot be analysed; the run records the reason and goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
