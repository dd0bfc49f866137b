"""Django's threaded development server with a listen queue long enough for fifty clients
arriving at once (``runserver`` keeps ten, and the eleventh connection is reset)."""

from __future__ import annotations

import sys

import django
from django.core.servers.basehttp import WSGIServer, run


class RoomyServer(WSGIServer):
    request_queue_size = 128


def main() -> None:
    django.setup()
    from django.core.wsgi import get_wsgi_application

    host, port = sys.argv[1].rsplit(":", 1)
    run(host, int(port), get_wsgi_application(), threading=True, server_cls=RoomyServer)


if __name__ == "__main__":
    main()
