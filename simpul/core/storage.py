"""Static files: fingerprinted names, gzip and brotli copies, cached for a year (docs/performance.md).

``collectstatic`` (run by ``simpul serve`` and so by ``make demo``) writes each file under a name
carrying a hash of its content (``simpul.3f9a1c.css``), with ``.gz`` and ``.br`` copies; WhiteNoise
serves those names with ``Cache-Control: max-age=315360000, public, immutable`` and the smallest
encoding the browser accepts.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage that degrades instead of failing: a file missing
    from the manifest (collectstatic not run since it was added) is linked by its plain name and
    served from the app directories with a short cache lifetime, rather than a 500 on every page."""

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            return name
