"""Load benchmarks of the site as it runs in production (`make bench-serve`)."""
