"""Thumbnails for images in object storage.

handle:   storage trigger (S3 event notification) for new objects in the uploads bucket.
backfill: HTTP trigger; thumbnails for up to `limit` images of the legacy bucket under `prefix`,
          answering with a token to continue from.

A thumbnail keeps the image's format and aspect ratio, fits in THUMB_SIZE x THUMB_SIZE pixels,
and is written to the thumbs bucket under the source key (so writing one never triggers another).
"""

import io
import json
import os
import urllib.parse

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
_client = None


def s3():
    global _client
    if _client is None:
        import boto3  # part of the Lambda Python runtime

        _client = boto3.client("s3")
    return _client


def thumbnail(data, fmt, size):
    """The bytes of a thumbnail of image `data` in `fmt` (JPEG or PNG)."""
    from PIL import Image, ImageOps  # vendored into this directory, see README.md

    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)  # phones store rotation in EXIF
        image.thumbnail((size, size))
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, fmt, **({"quality": 85, "optimize": True} if fmt == "JPEG" else {}))
        return out.getvalue()


def image_format(key):
    return FORMATS.get(os.path.splitext(key)[1].lower())


def make_thumbnail(bucket, key):
    fmt = image_format(key)
    if fmt is None:
        return None
    source = s3().get_object(Bucket=bucket, Key=key)["Body"].read()
    s3().put_object(
        Bucket=os.environ["THUMBS_BUCKET"],
        Key=key,
        Body=thumbnail(source, fmt, int(os.environ.get("THUMB_SIZE", "256"))),
        ContentType="image/jpeg" if fmt == "JPEG" else "image/png",
    )
    return key


def handle(event, context):
    done = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])  # keys arrive URL-encoded
        if make_thumbnail(bucket, key):
            done.append(key)
    print(json.dumps({"msg": "thumbnails written", "keys": done}))
    return {"thumbnails": done}


def backfill(event, context):
    try:
        request = json.loads(event.get("body") or "{}")
        prefix = str(request.get("prefix", ""))
        limit = min(int(request.get("limit", 100)), 1000)
    except (ValueError, TypeError, AttributeError):
        return respond(400, {"error": 'body must be {"prefix": "...", "limit": N, "after": "..."}'})
    legacy = os.environ["LEGACY_BUCKET"]
    listing = {"Bucket": legacy, "Prefix": prefix, "MaxKeys": limit}
    if request.get("after"):
        listing["StartAfter"] = str(request["after"])
    page = s3().list_objects_v2(**listing)
    done = [k for k in (o["Key"] for o in page.get("Contents", [])) if make_thumbnail(legacy, k)]
    keys = [o["Key"] for o in page.get("Contents", [])]
    more = page.get("IsTruncated", False)
    return respond(200, {"thumbnails": len(done), "after": keys[-1] if more and keys else None})


def respond(status, payload):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(payload),
    }
