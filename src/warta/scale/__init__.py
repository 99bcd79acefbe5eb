"""Warta on Apache Spark: the same per-article pipeline, at corpus scale.

`warta spark --input PATH_OR_GLOB --output DIR` reads text/HTML/JSONL/WARC files (Spark's binaryFile source, so local
paths, HDFS and S3 all work) or Parquet tables with `id`, `url`, `text`/`html` columns; runs the per-article pipeline
(`warta.pipeline.process_many`, as `warta analyze` does) inside `mapInPandas` (the models load once per executor
process, on first use); and writes Parquet datasets `DIR/articles`, `DIR/entities`, `DIR/quotes`, `DIR/events`,
`DIR/skips`, then `DIR/stories` from story clustering with MinHash LSH candidate generation in Spark.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from itertools import islice
from typing import Any

from warta.errors import WartaError

RESULT_SCHEMA = "path string, record long, id string, record_json string, skip string"


def _process_rows(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInPandas body: input rows (path, content) -> one row per article or skip."""
    import pandas as pd

    from warta.pipeline import CHUNK, process_many
    from warta.read import Skip, read_blob

    def items(pdf: Any) -> Iterator[Any]:
        for path, content in zip(pdf["path"], pdf["content"], strict=True):
            local = path[len("file:"):] if path.startswith("file:") else path
            yield from read_blob(local, bytes(content))  # a WARC or JSONL file streams its articles

    for pdf in batches:
        out: list[dict[str, Any]] = []
        stream = items(pdf)
        # CHUNK articles at a time, stage by stage, as `warta analyze` does: the same records, faster, and memory
        # bounded by the chunk however many articles one input file holds
        while chunk := list(islice(stream, CHUNK)):
            articles = [item for item in chunk if not isinstance(item, Skip)]
            results = iter(process_many(articles))
            for item in chunk:
                if isinstance(item, Skip):
                    out.append({"path": item.path, "record": item.record, "id": None, "record_json": None,
                                "skip": item.reason})
                    continue
                art, reason = next(results)
                if art is None:
                    out.append({"path": item.source.path, "record": item.source.record, "id": item.id,
                                "record_json": None, "skip": reason})
                else:
                    out.append({"path": art.source.path, "record": art.source.record, "id": art.id,
                                "record_json": art.to_json(), "skip": None})
        yield pd.DataFrame(out, columns=["path", "record", "id", "record_json", "skip"])


def _parquet_rows(batches: Iterator[Any]) -> Iterator[Any]:
    """Parquet input rows (id, url, text|html) become JSONL-like blobs so they take the reader's path."""
    import pandas as pd

    for pdf in batches:
        rows = []
        for rec in pdf.to_dict("records"):
            obj = {k: rec.get(k) for k in ("id", "url", "text", "html") if rec.get(k) is not None}
            rows.append({"path": str(rec.get("_file", "input.parquet")) + ".jsonl", "content": (json.dumps(obj) + "\n").encode()})
        yield pd.DataFrame(rows, columns=["path", "content"])


def spark_schema_for_record():
    """The article record's JSON Schema as a Spark StructType, so Parquet columns follow the record exactly."""
    from pyspark.sql import types as T

    from warta.record import json_schema

    schema = json_schema()
    defs = schema.get("$defs", {})

    def conv(node: dict[str, Any]) -> T.DataType:
        if "$ref" in node:
            return conv(defs[node["$ref"].split("/")[-1]])
        if "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            return conv(options[0]) if options else T.StringType()
        kind = node.get("type")
        if kind == "string":
            return T.StringType()
        if kind == "integer":
            return T.LongType()
        if kind == "number":
            return T.DoubleType()
        if kind == "boolean":
            return T.BooleanType()
        if kind == "array":
            return T.ArrayType(conv(node.get("items", {})))
        if kind == "object":
            if "properties" in node:
                return T.StructType([T.StructField(k, conv(v), True) for k, v in node["properties"].items()])
            extra = node.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return T.MapType(T.StringType(), conv(extra))
            return T.MapType(T.StringType(), T.StringType())
        return T.StringType()  # free-form values are kept as JSON text

    return conv(schema)


def _assign_ids(df):
    """Same rule as the SQLite path: an id keeps its name unless an earlier input (path order) owns it."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    w = Window.partitionBy("id").orderBy("path", F.coalesce("record", F.lit(0)))
    n = F.row_number().over(w)
    return df.withColumn("id", F.when(n == 1, F.col("id")).otherwise(F.concat(F.col("id"), F.lit("-"), n.cast("string"))))


def run_spark(inputs: list[str], output: str, *, master: str | None = None, partitions: int | None = None,
              stories: bool = True, spark=None) -> dict[str, int]:
    """Analyse `inputs` on Spark and write Parquet datasets under `output`. Returns counts."""
    try:
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
    except ImportError as exc:
        raise WartaError("warta spark needs the spark extra: pip install 'warta[spark]'") from exc

    # stop the session at the end only if this call started it (not one the caller, or a notebook, already had)
    own_session = spark is None and SparkSession.getActiveSession() is None
    if spark is None:
        builder = SparkSession.builder.appName("warta")
        if master or "PYSPARK_GATEWAY_PORT" not in os.environ:  # under spark-submit the master comes from its conf
            builder = builder.master(master or "local[2]")
            # local workers must run this interpreter (the one with warta installed), not whatever python3 is on PATH
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (builder.config("spark.sql.execution.arrow.pyspark.enabled", "true")
                 .config("spark.ui.enabled", "false").getOrCreate())
    try:
        from pyspark.errors import AnalysisException

        blobs = None
        for inp in inputs:
            try:
                if inp.rstrip("/").endswith(".parquet"):
                    df = spark.read.parquet(inp).withColumn("_file", F.input_file_name())
                    part = df.mapInPandas(_parquet_rows, "path string, content binary")
                else:
                    part = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(inp)
                            .select("path", "content"))
            except AnalysisException as exc:
                raise WartaError(f"cannot read input {inp}: {str(exc).splitlines()[0]}") from exc
            blobs = part if blobs is None else blobs.unionByName(part)
        if blobs is None:
            raise WartaError("no input given")
        if partitions:
            blobs = blobs.repartition(partitions)
        results = blobs.mapInPandas(_process_rows, RESULT_SCHEMA).cache()
        if results.count() == 0:
            raise WartaError("no input files found in: " + ", ".join(inputs))

        skips = results.where(F.col("skip").isNotNull()).select("path", "record", F.col("skip").alias("reason"))
        done = _assign_ids(results.where(F.col("record_json").isNotNull()))
        rec = F.from_json("record_json", spark_schema_for_record())
        articles = done.select(rec.alias("r"), F.col("id").alias("_id")).select("r.*", "_id")
        articles = articles.withColumn("id", F.col("_id")).drop("_id").cache()

        if stories:
            from warta.scale.stories import spark_stories

            articles = spark_stories(spark, articles).cache()

        articles.write.mode("overwrite").parquet(os.path.join(output, "articles"))
        for name in ("entities", "quotes", "events"):
            (articles.select(F.col("id").alias("article_id"), F.posexplode(name).alias("idx", "x"))
             .select("article_id", "idx", "x.*").write.mode("overwrite").parquet(os.path.join(output, name)))
        skips.write.mode("overwrite").parquet(os.path.join(output, "skips"))
        counts = {"articles": articles.count(), "skipped": skips.count()}
        if stories:
            counts["stories"] = articles.select("story_id").distinct().count()
        return counts
    finally:
        if own_session:
            spark.stop()


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="warta spark", description="Run the Warta pipeline on Apache Spark.")
    p.add_argument("--input", action="append", required=True, metavar="PATH_OR_GLOB",
                   help="files, folders, globs or URIs (hdfs://, s3a://); repeatable; *.parquet tables with id,url,text|html")
    p.add_argument("--output", required=True, metavar="DIR", help="output folder for the Parquet datasets")
    p.add_argument("--master", help="Spark master (default: local[2], or what spark-submit sets)")
    p.add_argument("--partitions", type=int, help="repartition the inputs into N partitions")
    p.add_argument("--no-stories", action="store_true", help="skip corpus-level story clustering")
    args = p.parse_args(argv)
    counts = run_spark(args.input, args.output, master=args.master, partitions=args.partitions, stories=not args.no_stories)
    print("warta: spark run: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + f" -> {args.output}")
    return 0
