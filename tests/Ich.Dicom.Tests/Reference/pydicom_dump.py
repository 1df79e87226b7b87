#!/usr/bin/python3
"""Reference dump for the reader tests: each file's dataset as pydicom 2.3 reads it, as JSON on stdout.

Usage: /usr/bin/python3 pydicom_dump.py FILE... -> {"FILE": {"transferSyntax": uid|null, "elements": [...]}}
Each element: {"tag": "00280010", "vr": "US", "values": [...] | "items": [[...], ...] | "length": n}
Text values are decoded with the Specific Character Set; numbers are floats; bulk data gives only its length.
"""
import json
import sys
import warnings

import pydicom
from pydicom.multival import MultiValue

TEXT = {"AE", "AS", "CS", "DA", "DT", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}
NUMBER = {"DS", "IS", "US", "SS", "UL", "SL", "FL", "FD", "SV", "UV"}


def values(elem):
    v = elem.value
    if v is None or v == "":
        return []
    if isinstance(v, (list, MultiValue)):
        return list(v)
    return [v]


def dump(dataset):
    out = []
    for elem in dataset:
        entry = {"tag": f"{elem.tag:08X}", "vr": elem.VR}
        if elem.VR == "SQ":
            entry["items"] = [dump(item) for item in elem.value]
        elif elem.VR in TEXT:
            entry["values"] = [str(x) for x in values(elem)]
        elif elem.VR in NUMBER:
            try:
                entry["values"] = [float(x) if x is not None and x != "" else None for x in values(elem)]
            except ValueError:
                entry["invalidNumber"] = True  # e.g. IS "1A": our reader must raise a typed error
        else:
            v = elem.value
            entry["length"] = len(v) if isinstance(v, (bytes, bytearray)) else None
        out.append(entry)
    return out


warnings.simplefilter("ignore")  # pydicom warns on invalid values; the dump records them
result = {}
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path, force=True)
    ts = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    result[path] = {"transferSyntax": str(ts) if ts else None, "elements": dump(ds)}
json.dump(result, sys.stdout)
