"""pytest set-up shared by the unit tests and the nbval notebook tests."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Data loaders must take the offline path, so that stored outputs reproduce anywhere.
os.environ["RNN_BOOK_OFFLINE"] = "1"
