"""The error every layer raises when what the user supplied cannot be used."""

from __future__ import annotations

from models.core.i18n import Escape, t


class DataError(ValueError):
    """A file or a value the user supplied cannot be used.

    The message always says which file, column or row is at fault and what to do about it,
    because the UI shows it to the user as is. Errors raised with :meth:`coded` also carry
    a catalogue key and its fields, so the UI can say the same in the user's language.
    """

    def __init__(
        self, message: str, code: str | None = None, params: dict[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.code, self.params = code, dict(params or {})

    def __reduce__(self):
        # pickled whole (code and fields too) when a child process reports it
        return type(self), (str(self), self.code, self.params)

    @classmethod
    def coded(cls, code: str, **params: object) -> DataError:
        """The error whose text is ``error.<code>`` of :mod:`models.core.i18n` (English here)."""
        return cls(t(f"error.{code}", "en", escape=None, **params), code, params)

    def text(self, lang: str, escape: Escape | None = None) -> str:
        """The message in ``lang`` when it has a catalogue key, else as raised (all of it
        through ``escape`` then, if given: see :func:`models.core.i18n.t`)."""
        if self.code:
            return t(f"error.{self.code}", lang, escape=escape, **self.params)
        return escape(str(self)) if escape else str(self)
