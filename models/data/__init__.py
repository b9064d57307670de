"""Files in, canonical tables out: bounded reading, column mapping, validation, quality report.

The pages import from here; the modules below are this package's own business.
"""

from models.data.importer import (
    ImportResult,
    describe_tables,
    import_table,
    load_table,
    sample_tables,
    write_sample_snapshots,
)
from models.data.isolation import ReadCancelled
from models.data.loading import RawTable, list_sheets, read_raw
from models.data.quality import QualityReport
from models.data.schema import KINDS, TABLES
from models.data.upload_limits import UploadLimits
from models.data.validation import (
    ImportOptions,
    propose_mapping,
    unrecognised_values,
    validate_table,
)

__all__ = [
    "KINDS",
    "TABLES",
    "ImportOptions",
    "ImportResult",
    "QualityReport",
    "RawTable",
    "ReadCancelled",
    "UploadLimits",
    "describe_tables",
    "import_table",
    "list_sheets",
    "load_table",
    "propose_mapping",
    "read_raw",
    "sample_tables",
    "unrecognised_values",
    "validate_table",
    "write_sample_snapshots",
]
