"""Browser-test fixtures (Playwright + Debian Chromium). Filled in by the browser-test work."""
