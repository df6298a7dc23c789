"""Run with `python -m unittest` here. Not deployed (see .fnctlignore)."""

import unittest

import main


class BillingTest(unittest.TestCase):
    def test_invoice_amounts_are_exact_decimals(self):
        order = {
            "orderId": "o-1",
            "currency": "EUR",
            "customer": {"email": "a@example.com"},
            "placedAt": "2026-11-25T10:00:00.000Z",
            "items": [{"sku": "pen", "quantity": 3, "price": "0.10"}, {"sku": "ink", "quantity": 1, "price": "2.05"}],
        }
        document = main.invoice(order)
        self.assertEqual([line["amount"] for line in document["lines"]], ["0.30", "2.05"])
        self.assertEqual((document["total"], document["date"]), ("2.35", "2026-11-25"))


if __name__ == "__main__":
    unittest.main()
