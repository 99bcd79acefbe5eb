"""Entry point for `spark-submit`: `spark-submit .../warta/scale/submit.py --input ... --output ...`."""

import sys

from warta.scale import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
