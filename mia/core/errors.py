"""The one application error type. Its `code` is stable: API clients may rely on it."""


class ApplicationError(Exception):
    status = 400

    def __init__(self, detail: str, *, code: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code
        if status is not None:
            self.status = status
