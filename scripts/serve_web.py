#!/usr/bin/env python
"""Serve web/ (the widget and the demo commune page) on localhost: `make run` starts it on port 8080.

    python scripts/serve_web.py [--port 8080] [--bot http://localhost:5005]

GET and HEAD only, no directory listing, security headers on every answer (a Content-Security-Policy that
lets the page talk to the bot only). / redirects to the demo page.
"""
import argparse
import functools
import http.server
import os
import sys
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent.parent / "web"


class Handler(http.server.SimpleHTTPRequestHandler):
    bot_origin = "http://localhost:5005"

    def end_headers(self):
        self.send_header("Content-Security-Policy",
                         f"default-src 'self'; connect-src 'self' {self.bot_origin}; img-src 'self' https: data:; "
                         "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'self'; "
                         "base-uri 'none'; form-action 'none'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        if self.path in ("/", "/index.html"):
            self.send_response(302)
            self.send_header("Location", "/demo/")
            self.end_headers()
            return
        if self.path.split("?")[0] in ("/demo/", "/demo/index.html"):
            # The demo page points the widget at this bot (--bot), whatever port it runs on.
            page = (WEB_DIR / "demo" / "index.html").read_text(encoding="utf-8")
            body = page.replace('data-server="http://localhost:5005"', f'data-server="{self.bot_origin}"').encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        path = self.translate_path(self.path)
        if os.path.isdir(path) and not os.path.exists(os.path.join(path, "index.html")):
            self.send_error(404)
            return
        super().do_GET()

    def list_directory(self, path):
        self.send_error(404)
        return None

    def log_message(self, format, *args):  # no request log: the URLs carry nothing useful, keep it quiet
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument("--bot", default=os.environ.get("CPAS_BOT_URL", "http://localhost:5005"))
    args = parser.parse_args(argv)
    Handler.bot_origin = args.bot.rstrip("/")
    handler = functools.partial(Handler, directory=str(WEB_DIR))
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    print(f"Demo page on http://localhost:{args.port}/demo/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
