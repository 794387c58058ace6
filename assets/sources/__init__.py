# TEMPORARY shim until the sources split lands (not to be committed)
from assets import BUFDIR_DATASETS, SSB_TABLES  # noqa: F401
