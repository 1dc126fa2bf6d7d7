"""The planc compiler: model, resolution, validation, diagnostics, pipeline and CLI."""
