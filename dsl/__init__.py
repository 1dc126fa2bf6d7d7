"""The planc language: grammar, keyword table, parser and syntax nodes. Knows nothing about meaning."""
