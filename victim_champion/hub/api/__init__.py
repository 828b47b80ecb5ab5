"""The hub's HTTP API for laptops: enrolment, push, pull, verify, bundles."""
