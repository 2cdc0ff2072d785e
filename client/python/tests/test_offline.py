"""The client against a small local HTTP server: retries, the error type, uploads and streams."""

import http.server
import json
import threading
import time
import unittest

from minirag_client import Client, MiniRagError


class Script:
    """Answers handed out in order; every request is recorded."""

    def __init__(self):
        self.answers = []
        self.requests = []

    def add(self, status, body=None, headers=None, content_type="application/json"):
        self.answers.append((status, body, headers or {}, content_type))


class Handler(http.server.BaseHTTPRequestHandler):
    script: Script = None

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.script.requests.append(
            {"method": self.command, "path": self.path, "headers": self.headers, "body": body,
             "at": time.monotonic()})
        status, payload, headers, content_type = self.script.answers.pop(0)
        raw = payload if isinstance(payload, bytes) else (
            b"" if payload is None else json.dumps(payload).encode("utf-8"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = _answer


class OfflineTest(unittest.TestCase):
    def setUp(self):
        self.script = Script()
        handler = type("ScriptedHandler", (Handler,), {"script": self.script})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.slept = []
        self.client = Client(
            f"http://127.0.0.1:{self.server.server_address[1]}", "mrk_test", sleep=self.slept.append)

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_a_429_is_retried_after_the_seconds_in_retry_after(self):
        client = Client(self.client.base_url, "mrk_test")  # real sleep: the wait is measured
        self.script.add(429, {"code": 429, "message": "Too many requests", "requestId": "r1"},
                        {"Retry-After": "1"})
        self.script.add(200, {"items": [], "total": 0, "limit": 20, "offset": 0})
        self.assertEqual(client.list_sources()["total"], 0)
        first, second = self.script.requests
        self.assertGreaterEqual(second["at"] - first["at"], 0.95)
        self.assertEqual(first["headers"]["X-API-Key"], "mrk_test")

    def test_a_503_is_retried_until_max_retries_then_raised(self):
        for _ in range(4):
            self.script.add(503, {"code": 503, "message": "Busy", "requestId": "r2"},
                            {"Retry-After": "2"})
        with self.assertRaises(MiniRagError) as caught:
            self.client.add_text("t", "x")
        self.assertEqual(self.slept, [2.0, 2.0, 2.0])
        self.assertEqual(len(self.script.requests), 4)
        self.assertEqual(caught.exception.status, 503)
        self.assertEqual(caught.exception.retry_after, 2.0)
        # Every attempt carried the same body.
        self.assertEqual({r["body"] for r in self.script.requests}, {b'{"title": "t", "text": "x"}'})

    def test_a_write_refused_without_retry_after_is_not_retried_a_read_is(self):
        self.script.add(503, {"code": 503, "message": "Busy"})
        with self.assertRaises(MiniRagError):
            self.client.add_text("t", "x")
        self.assertEqual(len(self.script.requests), 1)
        self.script.add(503, {"code": 503, "message": "Busy"})
        self.script.add(200, {"plan": "free"})
        self.assertEqual(self.client.usage()["plan"], "free")
        self.assertEqual(self.slept, [1.0])

    def test_retry_after_as_an_http_date(self):
        when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
        self.script.add(429, {"code": 429, "message": "Slow down"}, {"Retry-After": when})
        self.script.add(200, {"plan": "free"})
        self.assertEqual(self.client.usage()["plan"], "free")
        self.assertEqual(len(self.slept), 1)
        self.assertTrue(25 <= self.slept[0] <= 30, self.slept)

    def test_a_wait_longer_than_max_retry_wait_is_raised_at_once(self):
        self.script.add(429, {"code": 429, "message": "Daily limit", "details": {"limit": "asksPerDay"}},
                        {"Retry-After": "3600"})
        with self.assertRaises(MiniRagError) as caught:
            self.client.ask("why?")
        self.assertEqual(self.slept, [])
        self.assertEqual(caught.exception.details, {"limit": "asksPerDay"})
        self.assertEqual(caught.exception.retry_after, 3600.0)

    def test_other_errors_are_not_retried_and_carry_the_error_shape(self):
        self.script.add(422, {"code": 422, "message": "Request is invalid",
                              "details": [{"field": "text", "message": "must not be blank"}],
                              "requestId": "req-422"})
        with self.assertRaises(MiniRagError) as caught:
            self.client.add_text("t", "")
        e = caught.exception
        self.assertEqual((e.status, e.code, e.request_id), (422, 422, "req-422"))
        self.assertEqual(e.details[0]["field"], "text")
        self.assertIn("req-422", str(e))
        self.assertEqual(len(self.script.requests), 1)

    def test_a_non_json_error_still_raises_the_error_type(self):
        self.script.add(502, b"Bad gateway", content_type="text/plain")
        with self.assertRaises(MiniRagError) as caught:
            self.client.get_job("j1")
        self.assertEqual((caught.exception.status, caught.exception.message), (502, "Bad gateway"))

    def test_an_unreachable_server_raises_the_error_type_with_status_0(self):
        client = Client("http://127.0.0.1:9", "k", timeout=2)
        with self.assertRaises(MiniRagError) as caught:
            client.usage()
        self.assertEqual(caught.exception.status, 0)

    def test_files_are_uploaded_as_multipart_field_files(self):
        self.script.add(200, {"items": [{"input": "a.txt", "status": "accepted"}]})
        self.client.add_files([("a \"quoted\".txt", b"alpha\r\nbeta", "text/plain")])
        request = self.script.requests[0]
        content_type = request["headers"]["Content-Type"]
        self.assertTrue(content_type.startswith("multipart/form-data; boundary="))
        boundary = content_type.split("boundary=")[1].encode()
        body = request["body"]
        self.assertTrue(body.startswith(b"--" + boundary + b"\r\n"))
        self.assertIn(b'name="files"; filename="a \\"quoted\\".txt"', body)
        self.assertIn(b"\r\n\r\nalpha\r\nbeta\r\n--" + boundary + b"--\r\n", body)

    def test_query_parameters_and_ids_are_encoded(self):
        self.script.add(200, {"items": [], "total": 0, "limit": 5, "offset": 10})
        self.script.add(204, None)
        self.client.list_jobs(kind="embed", subject_id="s 1", limit=5, offset=10)
        self.client.delete_source("../x")
        self.assertEqual(self.script.requests[0]["path"],
                         "/api/v1/jobs?kind=embed&subjectId=s+1&limit=5&offset=10")
        self.assertEqual(self.script.requests[1]["path"], "/api/v1/sources/..%2Fx")

    def test_a_youtube_video_is_added_by_its_url(self):
        self.script.add(201, {"items": [{"input": "https://youtu.be/dQw4w9WgXcQ", "status": "accepted",
                                         "sourceId": "s1", "sourceStatus": "ready"}]})
        item = self.client.add_youtube("https://youtu.be/dQw4w9WgXcQ")
        self.assertEqual(item["sourceId"], "s1")
        request = self.script.requests[0]
        self.assertEqual((request["method"], request["path"]), ("POST", "/api/v1/sources/youtube"))
        self.assertEqual(json.loads(request["body"]), {"url": "https://youtu.be/dQw4w9WgXcQ"})

    def test_a_stream_yields_tokens_citations_and_done(self):
        stream = (b"event: token\ndata: {\"text\": \"The \"}\n\n"
                  b"event: token\r\ndata: {\"text\": \"lens.\"}\r\n\r\n"
                  b": a comment\n"
                  b"event: citations\ndata: [{\"n\": 1}]\n\n"
                  b"event: done\ndata: {\"answer\": \"The lens.\"}\n\n")
        self.script.add(200, stream, content_type="text/event-stream")
        events = list(self.client.ask_stream("what?", k=3))
        self.assertEqual([e.name for e in events], ["token", "token", "citations", "done"])
        self.assertEqual("".join(e.data["text"] for e in events if e.name == "token"), "The lens.")
        self.assertEqual(self.script.requests[0]["headers"]["Accept"], "text/event-stream")
        self.assertEqual(json.loads(self.script.requests[0]["body"]), {"question": "what?", "k": 3})

    def test_an_error_event_raises_the_error_type(self):
        stream = (b"event: token\ndata: {\"text\": \"x\"}\n\n"
                  b"event: error\ndata: {\"code\": 500, \"message\": \"Internal server error\", \"requestId\": \"r9\"}\n\n")
        self.script.add(200, stream, content_type="text/event-stream")
        seen = []
        with self.assertRaises(MiniRagError) as caught:
            for event in self.client.ask_stream("what?"):
                seen.append(event.name)
        self.assertEqual(seen, ["token"])
        self.assertEqual((caught.exception.status, caught.exception.request_id), (500, "r9"))


if __name__ == "__main__":
    unittest.main()
