"""The client against a running Mini-RAG service.

Set MINIRAG_URL and MINIRAG_API_KEY (a key with the read and write scopes on a workspace this test
may fill); MINIRAG_TEST_PAGE_URL, a web page the service is allowed to fetch, adds the URL test.
Without MINIRAG_URL these tests are skipped.
"""

import os
import unittest
import uuid

from minirag_client import Client, MiniRagError

URL = os.environ.get("MINIRAG_URL")
KEY = os.environ.get("MINIRAG_API_KEY")
PAGE = os.environ.get("MINIRAG_TEST_PAGE_URL")


@unittest.skipUnless(URL and KEY, "MINIRAG_URL and MINIRAG_API_KEY name a running service")
class LiveTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Client(URL, KEY)
        cls.marker = "kestrel" + uuid.uuid4().hex[:8]
        item = cls.client.add_text(
            "Lighthouse log " + cls.marker,
            f"The keeper polished the Fresnel lens every morning at dawn. The {cls.marker} nests"
            " on the gallery rail of the lighthouse.",
        )
        cls.source_id = item["sourceId"]

    def test_text_is_added_and_a_duplicate_is_reported(self):
        again = self.client.add_text(
            "Lighthouse log " + self.marker,
            f"The keeper polished the Fresnel lens every morning at dawn. The {self.marker} nests"
            " on the gallery rail of the lighthouse.",
        )
        self.assertEqual(again["status"], "duplicate")
        self.assertEqual(again["sourceId"], self.source_id)

    def test_files_are_uploaded(self):
        items = self.client.add_files([
            ("harbour.md", f"# Harbour\n\nThe harbour master {self.marker} checks ropes twice a day.\n"
             .encode("utf-8"), "text/markdown"),
            ("tides.txt", f"Tide tables {self.marker} are pinned by the harbour door.".encode("utf-8")),
        ])
        self.assertEqual([i["status"] for i in items], ["accepted", "accepted"])
        source = self.client.get_source(items[0]["sourceId"])
        self.assertEqual(source["kind"], "file")
        self.assertEqual(source["fileName"], "harbour.md")

    @unittest.skipUnless(PAGE, "MINIRAG_TEST_PAGE_URL names a page the service may fetch")
    def test_urls_are_added_per_item(self):
        items = self.client.add_urls([PAGE, "http://169.254.169.254/latest/meta-data/"])
        self.assertIn(items[0]["status"], ("accepted", "duplicate"))
        self.assertEqual(items[1]["status"], "failed")
        self.assertEqual(items[1]["code"], 400)
        source = self.client.get_source(items[0]["sourceId"])
        self.assertEqual(source["kind"], "url")
        self.assertEqual(source["uri"], PAGE)

    def test_search_finds_the_text(self):
        result = self.client.search(self.marker + " gallery rail", k=3, mode="bm25")
        self.assertEqual(result["mode"], "bm25")
        self.assertEqual(result["hits"][0]["sourceId"], self.source_id)

    def test_ask_answers_with_citations(self):
        answer = self.client.ask("What did the keeper polish every morning?", k=5)
        self.assertFalse(answer["abstained"], answer)
        self.assertIn("Fresnel lens", answer["answer"])
        self.assertTrue(any(c["sourceId"] == self.source_id for c in answer["citations"]))

    def test_ask_streams_tokens_then_citations_then_done(self):
        events = list(self.client.ask_stream("What did the keeper polish every morning?"))
        names = [e.name for e in events]
        self.assertGreater(names.count("token"), 0)
        self.assertEqual(names[-2:], ["citations", "done"])
        streamed = "".join(e.data["text"] for e in events if e.name == "token")
        self.assertEqual(streamed, events[-1].data["answer"])

    def test_sources_are_listed_and_one_is_deleted(self):
        listed = self.client.list_sources(q=self.marker, limit=100)
        self.assertIn(self.source_id, [s["id"] for s in listed["items"]])
        item = self.client.add_text("Doomed " + self.marker, "A page to delete " + uuid.uuid4().hex)
        self.client.delete_source(item["sourceId"])
        with self.assertRaises(MiniRagError) as caught:
            self.client.get_source(item["sourceId"])
        self.assertEqual(caught.exception.status, 404)

    def test_a_large_text_is_embedded_by_a_job_that_can_be_followed(self):
        paragraphs = [
            f"Berth {i} {self.marker} takes vessels up to {20 + i} metres; the harbour master assigns"
            " it at the morning briefing, and the ropes are checked twice a day by the crew. " * 6
            for i in range(60)
        ]
        item = self.client.add_text("Harbour handbook " + self.marker, "\n\n".join(paragraphs))
        self.assertEqual(item["sourceStatus"], "pending", item)
        job = self.client.wait_for_job(item["jobId"], timeout=240)
        self.assertEqual(job["status"], "succeeded", job)
        self.assertEqual(job["kind"], "embed")
        listed = self.client.list_jobs(kind="embed", subject_id=item["sourceId"])
        self.assertEqual([j["id"] for j in listed["items"]], [item["jobId"]])
        with self.assertRaises(MiniRagError) as caught:
            self.client.cancel_job(item["jobId"])
        self.assertEqual(caught.exception.status, 409)
        with self.assertRaises(MiniRagError) as caught:
            self.client.get_job(str(uuid.uuid4()))
        self.assertEqual(caught.exception.status, 404)

    def test_usage_lists_the_limits(self):
        usage = self.client.usage()
        self.assertIn("limits", usage)
        self.assertTrue(usage["limits"])

    def test_an_unknown_source_raises_404_in_the_error_shape(self):
        with self.assertRaises(MiniRagError) as caught:
            self.client.get_source(str(uuid.uuid4()))
        e = caught.exception
        self.assertEqual(e.status, 404)
        self.assertTrue(e.message)
        self.assertTrue(e.request_id)

    def test_an_invalid_body_raises_422_with_field_details(self):
        with self.assertRaises(MiniRagError) as caught:
            self.client.add_text("Blank", "   ")
        e = caught.exception
        self.assertEqual(e.status, 422)
        # The field is named as in the request body.
        self.assertTrue(any(d["field"] == "text" for d in e.details), e.details)

    def test_a_bad_key_raises_401(self):
        with self.assertRaises(MiniRagError) as caught:
            Client(URL, "mrk_not_a_real_key").usage()
        self.assertEqual(caught.exception.status, 401)


if __name__ == "__main__":
    unittest.main()
