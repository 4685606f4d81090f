"""The chunked AEAD stream lives in the ground (``simpul.crypto.streamcrypt``): the backup uses it
too, and the ground imports nothing above it. Re-exported here for the attachment store."""

from simpul.crypto.streamcrypt import DEFAULT_CHUNK, TAG, ChunkReader, Sealer, StreamError, open_chunks

__all__ = ["DEFAULT_CHUNK", "TAG", "ChunkReader", "Sealer", "StreamError", "open_chunks"]
