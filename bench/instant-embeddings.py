#!/usr/bin/env python3
"""A local server speaking OpenAI's POST /v1/embeddings that answers at once, so that an ingest
benchmark measures the write path (PostgreSQL, the change feed, Lucene) and not a model.

Each text gets one of 1,024 fixed unit vectors, picked by a hash of the text: varied enough for the
HNSW index to build a normal graph, and no arithmetic per request beyond joining strings.
Usage: instant-embeddings.py <port-file> [dimension]   (writes the port it bound to <port-file>)
"""
import json
import random
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIMENSION = int(sys.argv[2]) if len(sys.argv) > 2 else 384
rng = random.Random(42)
VECTORS = []
for _ in range(1024):
    v = [rng.gauss(0, 1) for _ in range(DIMENSION)]
    norm = sum(x * x for x in v) ** 0.5
    VECTORS.append("[" + ",".join("%.5f" % (x / norm) for x in v) + "]")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        texts = body["input"]
        if isinstance(texts, str):
            texts = [texts]
        items = ",".join(
            '{"object":"embedding","index":%d,"embedding":%s}'
            % (i, VECTORS[zlib.crc32(t.encode()) % len(VECTORS)])
            for i, t in enumerate(texts)
        )
        out = ('{"object":"list","model":"%s","data":[%s]}' % (body.get("model", ""), items)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
