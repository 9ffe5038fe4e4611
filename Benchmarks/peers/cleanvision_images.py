"""CleanVision's image checks on one folder, for Benchmarks/images.sh.

    python cleanvision_images.py FOLDER OUT.csv [N_JOBS]

Runs Imagelab(data_path=FOLDER).find_issues() with its default issue types (dark, light,
odd_aspect_ratio, low_information, exact_duplicates, near_duplicates, blurry, grayscale,
odd_size) and writes Imagelab.issues (one row per file: the absolute path, then every
is_*_issue flag and score) to OUT.csv, and its exact and near duplicate sets (lists of paths)
to OUT.csv.sets.json. N_JOBS is find_issues' n_jobs (default 1, like
`assay run --jobs 1`; "auto" for CleanVision's own default, one process per physical core).

CleanVision finds files by extension (*.jpg, *.jpeg, *.png, *.tiff, *.webp, *.gif, *.jp2; not
*.bmp or *.tif): when data_path finds none, every file under FOLDER is given as filepaths
instead (Pillow opens BMP), and a note says so on stderr.
"""

import json
import os
import sys

from cleanvision import Imagelab
from cleanvision.utils.utils import get_filepaths


def main() -> None:
    folder, out = sys.argv[1], sys.argv[2]
    jobs = sys.argv[3] if len(sys.argv) > 3 else "1"
    n_jobs = None if jobs == "auto" else int(jobs)
    if get_filepaths(folder):
        lab = Imagelab(data_path=folder)
    else:
        paths = sorted(os.path.join(d, f) for d, _, names in os.walk(folder) for f in names)
        print(f"cleanvision: no file with an extension it lists under {folder}; "
              f"giving its {len(paths)} files as filepaths", file=sys.stderr)
        lab = Imagelab(filepaths=paths)
    lab.find_issues(n_jobs=n_jobs, verbose=False)
    lab.issues.to_csv(out, index_label="path")
    sets = {kind: [[str(path) for path in group] for group in lab.info.get(kind, {}).get("sets", [])]
            for kind in ("exact_duplicates", "near_duplicates")}
    with open(out + ".sets.json", "w") as f:
        json.dump(sets, f)


if __name__ == "__main__":
    main()
