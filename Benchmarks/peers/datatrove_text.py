#!/usr/bin/env python3
"""datatrove on a folder of .txt files (one file = one Document, id = its path relative to DOCS),
with LocalPipelineExecutor, for Benchmarks/text-peers.sh.

    datatrove_text.py MODE DOCS WORK [--tasks 2] [--workers 2] [--cluster-ids]

MODE
  quality   GopherRepetitionFilter + GopherQualityFilter, library defaults; kept -> WORK/kept/*.jsonl
  minhash   MinHash dedup in its 4 stages (signatures, buckets, clusters, filter) with the library's
            defaults (word 5-grams, 14 buckets x 8 hashes, 64-bit xxhash); removed -> WORK/removed,
            kept -> WORK/deduplicated; --cluster-ids also stores the cluster ids (for scoring)
  exact     exact dedup of the whole text in 3 stages (signatures, find, filter; 64-bit xxhash)
WORK is emptied first. Needs the datatrove[processing] venv of Benchmarks/text-peers.sh.
"""
import argparse
import shutil

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers import JsonlWriter


class TextFolderReader(BaseDiskReader):
    """Each file is one document; its id is its path relative to the folder."""
    name = "text folder"

    def read_file(self, filepath: str):
        with self.data_folder.open(filepath, "r", encoding="utf-8") as handle:
            text = handle.read()
        with self.track_time():
            document = self.get_document_from_dict({"text": text, "id": filepath}, filepath, 0)
        if document:
            yield document


def executor(steps, work, stage, args, tasks=None, after=None):
    return LocalPipelineExecutor(pipeline=steps, tasks=tasks or args.tasks, workers=args.workers,
                                 logging_dir=f"{work}/logs/{stage}", depends=after)


def quality(args):
    from datatrove.pipeline.filters import GopherQualityFilter, GopherRepetitionFilter
    steps = [TextFolderReader(args.docs), GopherRepetitionFilter(), GopherQualityFilter(),
             JsonlWriter(f"{args.work}/kept", compression=None)]
    return executor(steps, args.work, "quality", args)


def minhash(args):
    from datatrove.pipeline.dedup import MinhashDedupSignature
    from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                                  MinhashDedupFilter)
    from datatrove.utils.hashing import HashConfig
    from datatrove.utils.typeshelper import Languages
    w = args.work
    config = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1,
                           hash_config=HashConfig(precision=64, hash_fc="xxhash"))   # the defaults, spelled out
    signatures = executor([TextFolderReader(args.docs),
                           MinhashDedupSignature(output_folder=f"{w}/signatures", config=config, language=Languages.english)],
                          w, "signatures", args)
    buckets = executor([MinhashDedupBuckets(input_folder=f"{w}/signatures", output_folder=f"{w}/buckets", config=config)],
                       w, "buckets", args, tasks=config.num_buckets, after=signatures)
    clusters = executor([MinhashDedupCluster(input_folder=f"{w}/buckets", output_folder=f"{w}/remove_ids", config=config,
                                             save_cluster_id=args.cluster_ids)],
                        w, "clusters", args, tasks=1, after=buckets)
    return executor([TextFolderReader(args.docs),
                     MinhashDedupFilter(input_folder=f"{w}/remove_ids", load_cluster_ids=args.cluster_ids,
                                        exclusion_writer=JsonlWriter(f"{w}/removed", compression=None)),
                     JsonlWriter(f"{w}/deduplicated", compression=None)],
                    w, "filter", args, after=clusters)


def whole_text(document):
    return document.text


def exact(args):
    from datatrove.pipeline.dedup import ExactDedupConfig, ExactDedupFilter, ExactDedupSignature, ExactFindDedups
    w = args.work
    config = ExactDedupConfig(content_getter=whole_text)   # default hash: 64-bit xxhash
    signatures = executor([TextFolderReader(args.docs), ExactDedupSignature(output_folder=f"{w}/sigs", config=config)],
                          w, "sigs", args)
    found = executor([ExactFindDedups(data_folder=f"{w}/sigs", output_folder=f"{w}/dups", config=config)],
                     w, "dups", args, tasks=1, after=signatures)
    return executor([TextFolderReader(args.docs),
                     ExactDedupFilter(data_folder=f"{w}/dups", config=config,
                                      exclusion_writer=JsonlWriter(f"{w}/removed", compression=None)),
                     JsonlWriter(f"{w}/deduplicated", compression=None)],
                    w, "filter", args, after=found)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["quality", "minhash", "exact"])
    parser.add_argument("docs")
    parser.add_argument("work")
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cluster-ids", action="store_true")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    {"quality": quality, "minhash": minhash, "exact": exact}[args.mode](args).run()


if __name__ == "__main__":
    main()
