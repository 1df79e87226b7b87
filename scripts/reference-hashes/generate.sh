#!/usr/bin/env bash
# Regenerates tests/data/dicom/reference-hashes.json: for every DICOM file with pixel data under tests/data/dicom,
# the SHA-256 of its decoded stored values (whole file and per frame) as a reference decoder produces them, in the
# convention described in reference_decode.py (masked to BitsStored, sign-extended, little-endian, interleaved).
# Files a reference decoder cannot decode (e.g. truncated pixel data) are recorded with "error" instead.
# Needs: /usr/bin/python3 with pydicom + numpy, dcmtk, libgdcm-tools (`./build.sh deps`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
exec /usr/bin/python3 - "$ROOT" <<'PY'
import hashlib, json, os, sys, tempfile, subprocess
root = sys.argv[1]
sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(root, "scripts", "reference-hashes"))
import pydicom
from reference_decode import decode

data_dir = os.path.join(root, "tests", "data", "dicom")
entries = {}
for folder in sorted(os.listdir(data_dir)):
    path = os.path.join(data_dir, folder)
    if not os.path.isdir(path):
        continue
    for name in sorted(os.listdir(path)):
        if not name.lower().endswith(".dcm"):
            continue
        file_path = os.path.join(path, name)
        key = f"{folder}/{name}"
        try:
            header = pydicom.dcmread(file_path, stop_before_pixels=False, defer_size="1 KB", force=True)
            if "PixelData" not in header:
                continue
        except Exception as error:  # unreadable even as a header: record it, the test expects a typed error
            entries[key] = {"error": f"{type(error).__name__}: {error}"[:200]}
            continue
        try:
            data, info = decode(file_path)
        except Exception as error:
            entries[key] = {"error": f"{type(error).__name__}: {error}"[:200]}
            print(f"{key}: reference decoder failed: {error}", file=sys.stderr)
            continue
        frame_length = info["frameLength"]
        info["sha256"] = hashlib.sha256(data).hexdigest()
        info["frameSha256"] = [hashlib.sha256(data[i * frame_length:(i + 1) * frame_length]).hexdigest()
                               for i in range(info["frames"])]
        entries[key] = info
        print(f"{key}: {info['frames']} frame(s), {info['decoder']}", file=sys.stderr)

out = os.path.join(data_dir, "reference-hashes.json")
with open(out, "w") as f:
    json.dump({"convention": "stored values masked to BitsStored, sign-extended when PixelRepresentation=1, "
                             "little-endian, BitsAllocated/8 bytes per sample, colour interleaved, frames concatenated",
               "generator": "scripts/reference-hashes/generate.sh",
               "files": entries}, f, indent=1, sort_keys=False)
    f.write("\n")
print(f"wrote {out}: {len(entries)} files", file=sys.stderr)
PY
