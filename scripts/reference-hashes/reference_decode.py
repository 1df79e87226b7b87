#!/usr/bin/python3
"""Decodes a DICOM file's pixel data with a reference decoder and prints it in the project's convention.

The convention (the one `ich dicom pixels` and Ich.Dicom.Pixels.PixelDecoder produce):
  * every frame, in order, concatenated;
  * each sample is the STORED value: shifted down by HighBit + 1 - BitsStored, masked to BitsStored bits and, when
    PixelRepresentation is 1, sign-extended to the full BitsAllocated width (two's complement). For JPEG 2000, a
    codestream precision above the declared BitsStored (but within BitsAllocated) is used instead, so values
    the header under-declares are not clipped; the sign always follows PixelRepresentation;
  * little-endian, BitsAllocated / 8 bytes per sample (8, 16 or 32 bits);
  * colour samples interleaved (R G B R G B ...; planar configuration 0). Compressed colour (JPEG YCbCr, JPEG 2000
    RCT/ICT) is in the colour space the codec's decoder returns, i.e. RGB, as dcmtk, gdcm and pydicom do.

Reference decoders: native and RLE data through pydicom's own handlers (numpy / rle); JPEG through dcmtk's
dcmdjpeg, JPEG-LS through dcmtk's dcmdjpls, JPEG 2000 through gdcm's `gdcmconv --raw`, each writing an
uncompressed copy that pydicom then reads. dcmtk and gdcm write the raw stored bits; pydicom may or may not
sign-extend; the conversion below makes both the same convention.

Usage: reference_decode.py <file.dcm> <out.raw>   -> prints JSON {frames, decoder, transferSyntax, lossy, frameLength}
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom

JPEG = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70"}
JPEG_LS = {"1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"}
JPEG_2000 = {"1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91"}
RLE = "1.2.840.10008.1.2.5"
# Lossy transfer syntaxes whose decoders legitimately differ by +-1 between implementations (IDCT rounding).
LOSSY_DCT = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"}


def tool_version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True).stdout


def jpeg2000_precision(ds):
    """The first component's precision in the first frame's SIZ marker (ISO 15444-1 A.5.1), or None."""
    from pydicom.encaps import generate_pixel_data_frame
    frame = next(generate_pixel_data_frame(ds.PixelData, int(getattr(ds, "NumberOfFrames", 1) or 1)))
    start = frame.find(b"\xff\x4f\xff\x51", 0, 4096)
    if start < 0 or len(frame) < start + 4 + 39:
        return None
    return (frame[start + 4 + 38] & 0x7F) + 1


def to_convention(ds, array, bits_stored=None):
    """Stored values -> masked, sign-extended, little-endian bytes of BitsAllocated width."""
    bits_allocated = int(ds.BitsAllocated)
    declared = int(ds.BitsStored)
    bits_stored = bits_stored or declared
    high_bit = int(getattr(ds, "HighBit", declared - 1)) + (bits_stored - declared)
    signed = int(ds.PixelRepresentation) == 1
    unsigned_type = {8: np.uint8, 16: np.uint16, 32: np.uint32}[bits_allocated]
    signed_type = {8: np.int8, 16: np.int16, 32: np.int32}[bits_allocated]
    raw = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("=")).view(unsigned_type).astype(np.uint64)
    shift = high_bit + 1 - bits_stored
    values = (raw >> np.uint64(shift)) & np.uint64((1 << bits_stored) - 1)
    if signed:
        as_int = values.astype(np.int64)
        as_int = np.where(as_int >= (1 << (bits_stored - 1)), as_int - (1 << bits_stored), as_int)
        return as_int.astype(np.dtype(signed_type).newbyteorder("<")).tobytes()
    return values.astype(np.dtype(unsigned_type).newbyteorder("<")).tobytes()


def transfer_syntax(ds):
    """The file's transfer syntax; for a bare dataset (no meta), the encoding pydicom detected."""
    uid = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
    if uid is None:
        uid = ("1.2.840.10008.1.2" if ds.is_implicit_VR
               else "1.2.840.10008.1.2.1" if ds.is_little_endian else "1.2.840.10008.1.2.2")
        ds.file_meta = getattr(ds, "file_meta", None) or pydicom.dataset.FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = uid
    return str(uid)


def decode(path):
    ds = pydicom.dcmread(path, force=True)
    ts = transfer_syntax(ds)
    bits_stored = None
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, "plain.dcm")
        if ts in JPEG:
            subprocess.run(["dcmdjpeg", path, plain], check=True)
            decoder = f"dcmtk {tool_version('dcmtk')} dcmdjpeg + pydicom {pydicom.__version__}"
        elif ts in JPEG_LS:
            subprocess.run(["dcmdjpls", path, plain], check=True)
            decoder = f"dcmtk {tool_version('dcmtk')} dcmdjpls + pydicom {pydicom.__version__}"
        elif ts in JPEG_2000:
            # A header may declare fewer Bits Stored than the codestream codes (pydicom issue 693): the wider
            # codestream precision is used so real values are not clipped.
            precision = jpeg2000_precision(ds)
            if precision and int(ds.BitsStored) < precision <= int(ds.BitsAllocated):
                bits_stored = precision
            subprocess.run(["gdcmconv", "--raw", path, plain], check=True)
            decoder = f"gdcm {tool_version('libgdcm-tools')} gdcmconv --raw + pydicom {pydicom.__version__}"
        else:
            plain = path
            handler = "rle" if ts == RLE else "numpy"
            decoder = f"pydicom {pydicom.__version__} ({handler} handler)"
        decoded = ds if plain == path else pydicom.dcmread(plain)
        array = decoded.pixel_array
        # Sign and bit depth come from the ORIGINAL header: that is what our decoder reads.
        data = to_convention(ds, array, bits_stored)
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    return data, {"frames": frames, "decoder": decoder, "transferSyntax": ts, "lossy": ts in LOSSY_DCT,
                  "frameLength": len(data) // frames}


if __name__ == "__main__":
    data, info = decode(sys.argv[1])
    with open(sys.argv[2], "wb") as out:
        out.write(data)
    print(json.dumps(info))
