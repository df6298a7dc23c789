"""Run with `python -m unittest` in this directory. Not deployed (see .fnctlignore)."""

import io
import json
import os
import unittest

import main


class FakeS3:
    """The three S3 calls main.py makes, kept in a dict."""

    class exceptions:
        class NoSuchKey(Exception):
            pass

    def __init__(self):
        self.objects = {}

    def put_object(self, Bucket, Key, Body, ContentType):
        self.objects[(Bucket, Key)] = Body

    def get_object(self, Bucket, Key):
        if (Bucket, Key) not in self.objects:
            raise self.exceptions.NoSuchKey()
        return {"Body": io.BytesIO(self.objects[(Bucket, Key)])}

    def get_paginator(self, name):
        objects = self.objects

        class Paginator:
            def paginate(self, Bucket, Prefix):
                keys = sorted(k for b, k in objects if b == Bucket and k.startswith(Prefix))
                return [{"Contents": [{"Key": k} for k in keys]}]

        return Paginator()


def request(method, path, body=None):
    return {"rawPath": path, "requestContext": {"http": {"method": method}}, "body": body}


class ApiTest(unittest.TestCase):
    def setUp(self):
        os.environ["ITEMS_BUCKET"] = "test-items"
        main._client = FakeS3()

    def test_created_item_can_be_read_and_listed(self):
        created = main.handle(request("POST", "/items", json.dumps({"name": "pen"})), None)
        self.assertEqual(created["statusCode"], 201)
        item = json.loads(created["body"])

        got = main.handle(request("GET", "/items/" + item["id"]), None)
        self.assertEqual(json.loads(got["body"]), item)
        listed = main.handle(request("GET", "/items"), None)
        self.assertEqual(json.loads(listed["body"]), {"items": [item["id"]]})

    def test_bad_bodies_are_refused(self):
        for body in ["not json", "[]", json.dumps({"name": ""}), None]:
            self.assertEqual(main.handle(request("POST", "/items", body), None)["statusCode"], 400)

    def test_unknown_item_and_route(self):
        self.assertEqual(main.handle(request("GET", "/items/nope"), None)["statusCode"], 404)
        unknown = "/items/00000000-0000-0000-0000-000000000000"
        self.assertEqual(main.handle(request("GET", unknown), None)["statusCode"], 404)
        self.assertEqual(main.handle(request("GET", "/other"), None)["statusCode"], 404)
        self.assertEqual(main.handle(request("DELETE", "/items"), None)["statusCode"], 405)


if __name__ == "__main__":
    unittest.main()
