"""Run with `python -m unittest` here. Not deployed (see .fnctlignore)."""

import datetime
import unittest
from decimal import Decimal

import main


class ReportTest(unittest.TestCase):
    def test_monday_covers_the_weekend_other_days_yesterday(self):
        monday = datetime.date(2026, 11, 23)
        self.assertEqual(
            main.days_to_report(monday),
            [datetime.date(2026, 11, 20), datetime.date(2026, 11, 21), datetime.date(2026, 11, 22)],
        )
        self.assertEqual(main.days_to_report(datetime.date(2026, 11, 25)), [datetime.date(2026, 11, 24)])

    def test_totals_per_currency_and_bad_rows_named(self):
        totals, problems = {}, []
        main.total("order_id,amount,currency\n1,10.50,eur\n2,2.25,EUR\n3,abc,EUR\n4,7,USD\n", totals, problems)
        main.total("order_id,amount,currency\n5,0.25,EUR\n", totals, problems)
        self.assertEqual(totals, {"EUR": [3, Decimal("13.00")], "USD": [1, Decimal("7")]})
        self.assertEqual(problems, ["3"])

    def test_topic_arn_from_the_function_arn(self):
        arn = "arn:aws:lambda:eu-west-1:123456789012:function:nightly-aws-report"
        self.assertEqual(main.topic_arn(arn, "nightly-aws-reports"), "arn:aws:sns:eu-west-1:123456789012:nightly-aws-reports")


if __name__ == "__main__":
    unittest.main()
