from django.apps import AppConfig


class Config(AppConfig):
    name = "simpul.files"
    label = "files"

    def ready(self) -> None:
        from simpul.crypto.backup import BlobStore, register_blob_store
        from simpul.files import policies  # noqa: F401 - registers the module's access rules
        from simpul.files.models import Attachment
        from simpul.files.services import storage_path, storage_root

        def names() -> list[str]:
            return list(Attachment._base_manager.order_by("pk").values_list("storage_name", flat=True))

        # The backup archives the encrypted attachment files with the database dump.
        register_blob_store(BlobStore(root=storage_root, names=names, path=storage_path))
