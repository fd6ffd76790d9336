#!/usr/bin/env python3
"""moto's server on 127.0.0.1, for the tests of the generated clients.

Usage:

    python moto_server.py

Starts moto's `ThreadedMotoServer` on 127.0.0.1 on a free port, prints that port (one line,
digits only) on stdout once the socket listens, and serves until its stdin closes (so it dies
with the test that started it) or it is killed. On stderr: `request: METHOD TARGET STATUS`
for every request, the target exactly as it arrived (werkzeug's own log decodes it), and
moto's tracebacks. Needs `moto[server]`.
"""

import sys

import moto.moto_server.threaded_moto_server as threaded
from moto.moto_server.werkzeug_app import MotoRequestHandler
from moto.server import ThreadedMotoServer


class RawLogHandler(MotoRequestHandler):
    def log_request(self, code="-", size="-"):
        method, target, _ = self.requestline.split(" ", 2)
        code = getattr(code, "value", code)
        sys.stderr.write(f"request: {method} {target} {code}\n")
        sys.stderr.flush()


def main() -> None:
    # ThreadedMotoServer serves with the handler its module names.
    threaded.MotoRequestHandler = RawLogHandler
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    print(port, flush=True)
    # Serve until whoever started us closes our stdin (or dies).
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
