"""Serve a built site on 127.0.0.1 roughly the way GitHub Pages does, for tools/audit.sh.

Lighthouse scores performance from transfer sizes, so an uncompressed development server would
measure a site nobody deploys: GitHub Pages answers over keep-alive connections, gzips text and
serves the site's 404.html for missing pages. This does the same, and nothing more.

Usage: python tools/serve.py SITE_DIR PORT_FILE
Listens on a free port and writes it to PORT_FILE once listening (the file appears complete).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What GitHub Pages compresses; images and fonts are compressed formats already.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host; HTTP/1.0 reconnects per file

    def log_message(self, format: str, *args: object) -> None:
        pass  # Lighthouse's output is the report; request lines would bury it

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, *, send_body: bool) -> None:
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(self.path))
        status = 200
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            status = 404
            path = Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404, f"Not found: {unquote(url_path)}")
                return
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        headers = {"Content-Type": content_type, "Vary": "Accept-Encoding"}
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if accepts_gzip and content_type.startswith(COMPRESSIBLE):
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: serve.py SITE_DIR PORT_FILE", file=sys.stderr)
        return 2
    site, port_file = argv[1], argv[2]
    handler = functools.partial(PagesHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    Path(port_file + ".tmp").write_text(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)  # the reader never sees a half-written port
    server.serve_forever()  # until audit.sh's trap sends SIGTERM
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
