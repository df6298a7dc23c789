"""Run with `python -m unittest` here. Not deployed (see .fnctlignore)."""

import json
import unittest

import main


class AuditTest(unittest.TestCase):
    def test_entry_is_keyed_by_day_and_message_id(self):
        key, body = main.entry(
            {
                "MessageId": "m-1",
                "TopicArn": "arn:aws:sns:eu-west-1:123456789012:fanout-aws-orders",
                "Timestamp": "2026-11-25T10:00:00.000Z",
                "MessageAttributes": {"type": {"Type": "String", "Value": "order.created"}},
                "Message": json.dumps({"orderId": "o-1"}),
            }
        )
        self.assertEqual(key, "audit/2026/11/25/m-1.json")
        self.assertEqual(json.loads(body)["message"], {"orderId": "o-1"})
        self.assertEqual(json.loads(body)["type"], "order.created")


if __name__ == "__main__":
    unittest.main()
