"""Errors a client can act on: a status, one sentence, and the single problems where useful."""

from __future__ import annotations


class ApiProblem(Exception):
    def __init__(self, status: int, detail: str, problems: list[str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = [str(problem) for problem in problems or []]
