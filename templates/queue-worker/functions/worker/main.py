"""Works through a batch of queue messages, one job each.

A job is a JSON object {"text": "..."}; its result (word and character counts) is written to
results/<message id>.json. The write is keyed by the message id, so a message delivered twice
gives the same single result. If any job in the batch fails, the handler raises after the others
are done: the queue hands the batch out again, the finished jobs are rewritten unchanged, and a
job that fails every time moves to the dead-letter queue after the queue's maxReceives.
"""

import json
import os

_client = None


def s3():
    global _client
    if _client is None:
        import boto3  # part of the Lambda Python runtime

        _client = boto3.client("s3")
    return _client


class BadJob(ValueError):
    pass


def work(body):
    """The result of one job, or BadJob when the message is not a job."""
    try:
        job = json.loads(body)
    except ValueError:
        raise BadJob("body is not JSON") from None
    if not isinstance(job, dict) or not isinstance(job.get("text"), str):
        raise BadJob('body must be an object with a "text" string')
    return {"words": len(job["text"].split()), "characters": len(job["text"])}


def handle(event, context):
    failed = []
    for record in event.get("Records", []):
        message_id = record["messageId"]
        try:
            result = work(record["body"])
        except BadJob as e:
            print(json.dumps({"msg": "job failed", "messageId": message_id, "error": str(e)}))
            failed.append(message_id)
            continue
        s3().put_object(
            Bucket=os.environ["RESULTS_BUCKET"],
            Key=f"results/{message_id}.json",
            Body=json.dumps(result).encode(),
            ContentType="application/json",
        )
    if failed:
        raise RuntimeError(f"{len(failed)} job(s) failed: {', '.join(failed)}")
    return {"done": len(event.get("Records", []))}
