"""Django's development server (threaded, as ``runserver``) with a listen queue long enough for
fifty clients arriving at once (``runserver`` keeps ten, and the eleventh connection is reset);
``single`` runs it on one thread."""

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
    # "single": one thread serves every request in turn and keeps its database connection
    # between requests, as a worker process of a production server does.
    threading = sys.argv[2:] != ["single"]
    run(host, int(port), get_wsgi_application(), threading=threading, server_cls=RoomyServer)


if __name__ == "__main__":
    main()
