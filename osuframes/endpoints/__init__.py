"""The endpoint methods of `Client`, one module per domain of the API."""
