"""Benchmarks (`make bench`): planc against YAML/JSON + schema validation; never run by `make test`."""
