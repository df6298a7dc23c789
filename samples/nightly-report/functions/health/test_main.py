"""Run with `python -m unittest` here. Not deployed (see .fnctlignore)."""

import datetime
import unittest

import main

NOW = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.timezone.utc)
MAX_AGE = datetime.timedelta(minutes=120)
EVERY = datetime.timedelta(minutes=15)


def ago(minutes):
    return NOW - datetime.timedelta(minutes=minutes)


class HealthTest(unittest.TestCase):
    def test_alerts_once_when_orders_stop(self):
        self.assertEqual(main.verdict(ago(5), NOW, MAX_AGE, EVERY), "ok")
        self.assertEqual(main.verdict(ago(119), NOW, MAX_AGE, EVERY), "ok")
        self.assertEqual(main.verdict(ago(120), NOW, MAX_AGE, EVERY), "alert")
        self.assertEqual(main.verdict(ago(134), NOW, MAX_AGE, EVERY), "alert")
        self.assertEqual(main.verdict(ago(135), NOW, MAX_AGE, EVERY), "quiet")
        self.assertEqual(main.verdict(None, NOW, MAX_AGE, EVERY), "quiet")


if __name__ == "__main__":
    unittest.main()
