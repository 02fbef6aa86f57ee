#!/usr/bin/python3
"""A local SMTP sink for lockboxd's mail tests (aiosmtpd, Debian package python3-aiosmtpd).

Listens on 127.0.0.1 on a free port and prints one JSON object a line on standard output: first
{"listening": PORT}, then one object per message accepted, with the envelope (mailFrom, rcptTos),
the signed-in user (login, when --auth was given), the raw message as received (raw, dot-stuffing
undone), its headers, its subject and its decoded plain-text body. It stops when its standard input
closes, so that it never outlives the test that started it.

  --refuse-first N   answer the first N messages with 451 (try again later)
  --auth USER:PASS   require AUTH PLAIN or LOGIN with these credentials (over plain SMTP: a test)
"""

import argparse
import asyncio
import email
import email.policy
import json
import logging
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class Sink:
    def __init__(self, refuse_first):
        self.refuse_first = refuse_first

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_first > 0:
            self.refuse_first -= 1
            emit({"refused": envelope.rcpt_tos})
            return "451 4.3.0 Try again later (test sink)"
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        emit(
            {
                "mailFrom": envelope.mail_from,
                "rcptTos": envelope.rcpt_tos,
                "login": login,
                "raw": raw.decode("utf-8", "replace"),
                "headers": {key: str(value) for key, value in message.items()},
                "subject": str(message["Subject"]),
                "body": body.get_content() if body is not None else "",
            }
        )
        return "250 2.0.0 OK: queued (test sink)"


def authenticator_for(credentials):
    user, _, password = credentials.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == user
            and auth_data.password.decode() == password
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    return authenticate


async def main():
    # AUTH over plain SMTP is what --auth tests; aiosmtpd warns about it on every connection.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--auth", default=None)
    args = parser.parse_args()

    loop = asyncio.get_running_loop()
    handler = Sink(args.refuse_first)

    def protocol():
        if args.auth:
            return SMTP(
                handler,
                hostname="sink.test",
                authenticator=authenticator_for(args.auth),
                auth_required=True,
                auth_require_tls=False,
            )
        return SMTP(handler, hostname="sink.test")

    server = await loop.create_server(protocol, "127.0.0.1", 0)
    emit({"listening": server.sockets[0].getsockname()[1]})
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
