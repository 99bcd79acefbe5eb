"""Build src/warta/places/data/world_110m.tsv: country outlines for the dashboard's map, as SVG path data.

Input: Natural Earth's 1:110m admin-0 countries (public domain, www.naturalearthdata.com) as packaged in the
geopandas 0.14.4 wheel (`geopandas/datasets/naturalearth_lowres/`), read with pyshp. Both are build-time tools only:
Warta reads the derived file. The outlines are projected equirectangularly (x = (lon + 180) * 4, y = (90 - lat) * 4:
a 1440 x 720 canvas, a quarter degree per unit) and rounded to whole units, so the file stays small. Rebuild:

    pip download --no-deps geopandas==0.14.4 && unzip geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    pip install pyshp==2.3.1
    python scripts/build_world_map.py --shp geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "warta" / "places" / "data" / "world_110m.tsv"
SCALE = 4
REBUILD = "python scripts/build_world_map.py --shp PATH/naturalearth_lowres.shp (see the script's docstring)"


def project(lon: float, lat: float) -> tuple[int, int]:
    return round((lon + 180) * SCALE), round((90 - lat) * SCALE)


def outline(points: list[tuple[float, float]], parts: list[int]) -> str:
    """SVG path data of a shape's rings, each rounded to whole units without repeated points."""
    rings = []
    for start, end in zip(parts, [*parts[1:], len(points)], strict=True):
        ring: list[tuple[int, int]] = []
        for lon, lat in points[start:end]:
            point = project(lon, lat)
            if not ring or ring[-1] != point:
                ring.append(point)
        if len(set(ring)) >= 3:
            rings.append("M" + " ".join(f"{x} {y}" for x, y in ring) + "Z")
    return "".join(rings)


def build(shp: Path) -> str:
    import shapefile

    reader = shapefile.Reader(str(shp), encoding="latin-1")  # as its .cpg says (ISO-8859-1)
    rows = []
    for record in reader.shapeRecords():
        fields = record.record.as_dict()
        path = outline([tuple(p) for p in record.shape.points], list(record.shape.parts))
        if path:
            rows.append((str(fields["iso_a3"]), str(fields["name"]), path))
    rows.sort()
    header = ("# Country outlines: Natural Earth 1:110m admin-0 (public domain), equirectangular, x = (lon + 180) * 4, "
              "y = (90 - lat) * 4; built by scripts/build_world_map.py\n")
    return header + "".join(f"{code}\t{name}\t{path}\n" for code, name, path in rows)


def inputs(shp: Path) -> dict[str, str]:
    from warta.derived import file_digest, library_version

    return {"pyshp": library_version("pyshp"), "naturalearth_lowres.shp": file_digest(shp),
            "naturalearth_lowres.dbf": file_digest(shp.with_suffix(".dbf"))}


def main(argv: list[str] | None = None) -> int:
    from warta.derived import write_manifest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shp", type=Path, required=True, help="naturalearth_lowres.shp (from geopandas 0.14.4)")
    args = parser.parse_args(argv)
    OUTPUT.write_text(build(args.shp), encoding="utf-8")
    write_manifest(OUTPUT, inputs(args.shp), REBUILD)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
