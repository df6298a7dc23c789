#!/usr/bin/env python3
"""A reverse proxy on 127.0.0.1 in front of moto that logs every API call it passes on.

    counting_proxy.py UPSTREAM_PORT LOG PORT_FILE

Listens on a free loopback port (written to PORT_FILE once it accepts connections), forwards
each request unchanged to http://127.0.0.1:UPSTREAM_PORT and appends one line per request to
LOG, tab-separated: service, operation, status, milliseconds taken, and arrival (ms since the
epoch). The benchmark counts the lines a command adds, so both tools' calls are counted the same
way, retries included. The operation is the X-Amz-Target (JSON protocols), Action= (query
protocols) or, for REST protocols, the method and the path with names and ids replaced by {}
(GET /2015-03-31/functions/{}/policy).
"""
import http.client
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}
# A REST path segment that follows one of these is a name or an id.
COLLECTIONS = {"functions", "event-source-mappings", "apis", "routes", "integrations", "stages", "schedules",
               "schedule-groups", "tags", "aliases", "versions", "deployments", "policies"}
SCOPE = re.compile(r"Credential=[^/]+/\d+/[^/]+/([^/]+)/")


def operation(method, path, headers, body):
    m = SCOPE.search(headers.get("Authorization", ""))
    service = m.group(1) if m else "-"
    target = headers.get("X-Amz-Target")
    if target:
        return service, target.rsplit(".", 1)[-1]
    if method == "POST" and b"Action=" in body[:4096]:
        action = urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
        return service, action
    url = urllib.parse.urlsplit(path)
    segments = url.path.split("/")
    for i in range(1, len(segments)):
        if segments[i - 1] in COLLECTIONS and segments[i]:
            segments[i] = "{}"
    if service == "s3" and len(segments) > 1 and segments[1]:
        segments[1:] = ["{bucket}"] + (["{key}"] if len(segments) > 2 and segments[2] else [])
    return service, method + " " + "/".join(segments)


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream_port = 0
    log = None
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))

    def forward(self, body):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if body or self.command in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(body))
        for attempt in (1, 2):
            conn = getattr(self, "upstream", None)
            if conn is None:
                conn = self.upstream = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=300)
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                return resp, resp.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # moto closed an idle kept-alive connection: once more on a new one.
                conn.close()
                self.upstream = None
                if attempt == 2:
                    raise

    def handle_one(self):
        arrived = time.time()
        start = time.monotonic()
        body = self.body()
        resp, data = self.forward(body)
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        service, op = operation(self.command, self.path, self.headers, body)
        line = f"{service}\t{op}\t{resp.status}\t{round((time.monotonic() - start) * 1000)}\t{round(arrived * 1000)}\n"
        with self.lock:
            self.log.write(line)
            self.log.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_one


def main():
    upstream, log, port_file = sys.argv[1:]
    Proxy.upstream_port = int(upstream)
    Proxy.log = open(log, "a")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.daemon_threads = True
    server.request_queue_size = 128
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
