"""The one request pipeline: response cache → rate limiter → retries → token → httpx."""
