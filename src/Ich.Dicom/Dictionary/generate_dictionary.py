#!/usr/bin/python3
"""Regenerates dicom-dictionary.tsv from pydicom's data dictionary (MIT; derived from DICOM PS3.6).

Run with Debian's /usr/bin/python3 (python3-pydicom installed): /usr/bin/python3 generate_dictionary.py
Columns: tag (8 hex digits, 'x' = repeating-group wildcard), VR(s) joined by '/', VM, keyword, name, retired flag.
"""
import os
from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary
import pydicom

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dicom-dictionary.tsv")
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write(f"# DICOM data dictionary generated from pydicom {pydicom.__version__} (MIT) by generate_dictionary.py\n")
    rows = [(f"{tag:08X}", e) for tag, e in DicomDictionary.items()]
    rows += [(mask.upper().replace("X", "x"), e) for mask, e in RepeatersDictionary.items()]
    for tag, (vr, vm, name, retired, keyword) in sorted(rows):
        vrs = "/".join(v.strip() for v in vr.replace(" or ", "/").split("/"))
        f.write(f"{tag}\t{vrs}\t{vm}\t{keyword}\t{name}\t{'R' if retired else ''}\n")
