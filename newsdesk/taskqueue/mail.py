"""Mails sent from tasks: a mail server that refuses or cannot be reached fails the attempt,
so the queue tries again later (and ``run_once`` keeps each mail to one delivery)."""

from __future__ import annotations

import smtplib
from collections.abc import Callable


class MailNotSent(Exception):
    """The mail server refused or could not be reached; the task is tried again later."""


def send_or_raise(send: Callable[[], object]) -> None:
    """Run ``send``; a mail server's refusal or absence becomes ``MailNotSent``."""
    try:
        send()
    except (OSError, smtplib.SMTPException) as error:
        raise MailNotSent(str(error)) from error
