"""Run with `python -m unittest` here (Pillow installed). Not deployed (see .fnctlignore)."""

import io
import json
import os
import unittest

import main

try:
    from PIL import Image
except ImportError:  # the thumbnail tests need Pillow; the routing tests do not
    Image = None


class FakeS3:
    def __init__(self, objects):
        self.objects = dict(objects)

    def get_object(self, Bucket, Key):
        return {"Body": io.BytesIO(self.objects[(Bucket, Key)])}

    def put_object(self, Bucket, Key, Body, ContentType):
        self.objects[(Bucket, Key)] = Body

    def list_objects_v2(self, Bucket, Prefix, MaxKeys, StartAfter=""):
        keys = sorted(k for b, k in self.objects if b == Bucket and k.startswith(Prefix) and k > StartAfter)
        return {"Contents": [{"Key": k} for k in keys[:MaxKeys]], "IsTruncated": len(keys) > MaxKeys}


def image_bytes(fmt, size, mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, size, "red").save(out, fmt)
    return out.getvalue()


def upload_event(bucket, key):
    return {"Records": [{"s3": {"bucket": {"name": bucket}, "object": {"key": key}}}]}


@unittest.skipIf(Image is None, "Pillow is not installed")
class ThumbnailTest(unittest.TestCase):
    def setUp(self):
        os.environ.update(THUMBS_BUCKET="thumbs", THUMB_SIZE="64", LEGACY_BUCKET="legacy")

    def test_upload_gets_a_thumbnail_that_keeps_format_and_aspect(self):
        main._client = FakeS3({("uploads", "images/a cat.png"): image_bytes("PNG", (400, 200), "RGBA")})
        result = main.handle(upload_event("uploads", "images/a+cat.png"), None)
        self.assertEqual(result, {"thumbnails": ["images/a cat.png"]})
        with Image.open(io.BytesIO(main._client.objects[("thumbs", "images/a cat.png")])) as thumb:
            self.assertEqual((thumb.format, thumb.size), ("PNG", (64, 32)))

    def test_transparent_png_named_jpg_is_written_as_rgb_jpeg(self):
        main._client = FakeS3({("uploads", "images/x.JPG"): image_bytes("PNG", (100, 300), "RGBA")})
        main.handle(upload_event("uploads", "images/x.JPG"), None)
        with Image.open(io.BytesIO(main._client.objects[("thumbs", "images/x.JPG")])) as thumb:
            self.assertEqual((thumb.format, thumb.mode, thumb.size), ("JPEG", "RGB", (21, 64)))

    def test_backfill_pages_through_the_legacy_bucket(self):
        objects = {("legacy", f"2019/{i}.jpg"): image_bytes("JPEG", (80, 80)) for i in range(3)}
        objects[("legacy", "2019/notes.txt")] = b"not an image"
        main._client = FakeS3(objects)
        first = json.loads(main.backfill({"body": json.dumps({"prefix": "2019/", "limit": 2})}, None)["body"])
        self.assertEqual(first, {"thumbnails": 2, "after": "2019/1.jpg"})
        rest = json.loads(
            main.backfill({"body": json.dumps({"prefix": "2019/", "after": first["after"]})}, None)["body"]
        )
        self.assertEqual(rest, {"thumbnails": 1, "after": None})
        self.assertEqual(sorted(k for b, k in main._client.objects if b == "thumbs"), [f"2019/{i}.jpg" for i in range(3)])


class RequestTest(unittest.TestCase):
    def test_bad_backfill_body_is_refused(self):
        self.assertEqual(main.backfill({"body": "[1]"}, None)["statusCode"], 400)
        self.assertEqual(main.backfill({"body": '{"limit": "x"}'}, None)["statusCode"], 400)


if __name__ == "__main__":
    unittest.main()
