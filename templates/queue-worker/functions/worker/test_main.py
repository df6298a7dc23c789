"""Run with `python -m unittest` in this directory. Not deployed (see .fnctlignore)."""

import json
import os
import unittest

import main


class FakeS3:
    def __init__(self):
        self.objects = {}

    def put_object(self, Bucket, Key, Body, ContentType):
        self.objects[(Bucket, Key)] = json.loads(Body)


def batch(*bodies):
    return {"Records": [{"messageId": f"m{i}", "body": b} for i, b in enumerate(bodies)]}


class WorkerTest(unittest.TestCase):
    def setUp(self):
        os.environ["RESULTS_BUCKET"] = "results"
        main._client = FakeS3()

    def test_each_job_writes_its_result_under_the_message_id(self):
        main.handle(batch(json.dumps({"text": "a b c"}), json.dumps({"text": ""})), None)
        self.assertEqual(
            main._client.objects,
            {
                ("results", "results/m0.json"): {"words": 3, "characters": 5},
                ("results", "results/m1.json"): {"words": 0, "characters": 0},
            },
        )

    def test_a_bad_job_fails_the_batch_after_the_good_ones_are_written(self):
        with self.assertRaisesRegex(RuntimeError, "1 job\\(s\\) failed: m1"):
            main.handle(batch(json.dumps({"text": "ok"}), "{not json", json.dumps({"text": "x"})), None)
        self.assertEqual(
            sorted(k for _, k in main._client.objects), ["results/m0.json", "results/m2.json"]
        )


if __name__ == "__main__":
    unittest.main()
