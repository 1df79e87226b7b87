#!/usr/bin/python3
"""Reference for the series-read benchmark: the same work with pydicom + numpy.

Reads every file of a folder, sorts the slices by ImagePositionPatient projected on the slice normal, and builds a
float32 volume of pixel_array * RescaleSlope + RescaleIntercept. Prints GB/s of pixel data (median of N runs).
Run with Debian's /usr/bin/python3 (pydicom 2.3 + numpy).
"""
import os
import sys
import time

import numpy as np
import pydicom


def read_volume(folder):
    datasets = [pydicom.dcmread(os.path.join(folder, name)) for name in sorted(os.listdir(folder))]
    orientation = np.array(datasets[0].ImageOrientationPatient, dtype=np.float64)
    normal = np.cross(orientation[:3], orientation[3:])
    datasets.sort(key=lambda ds: float(np.dot(np.array(ds.ImagePositionPatient, dtype=np.float64), normal)))
    first = datasets[0]
    volume = np.empty((len(datasets), first.Rows, first.Columns), dtype=np.float32)
    for index, ds in enumerate(datasets):
        volume[index] = ds.pixel_array.astype(np.float32) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    return volume


def main():
    if len(sys.argv) < 2:
        print("usage: pydicom_read.py <folder> [iterations]", file=sys.stderr)
        return 2
    folder = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    volume = read_volume(folder)
    read_volume(folder)
    pixel_bytes = volume.size * 2
    seconds, cpu_seconds = [], []
    for _ in range(iterations):
        start, cpu_start = time.perf_counter(), time.process_time()
        read_volume(folder)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    median = sorted(seconds)[iterations // 2]
    cpu_median = sorted(cpu_seconds)[iterations // 2]
    gbps = pixel_bytes / median / 1e9
    cpu_gbps = pixel_bytes / cpu_median / 1e9
    print(f"pydicom : {gbps:.3f} GB/s wall, {cpu_gbps:.3f} GB/s CPU time  (median {median * 1000:.1f} ms of {iterations}, "
          f"best {min(seconds) * 1000:.1f} ms, {pixel_bytes / 1e6:.1f} MB pixel data, pydicom {pydicom.__version__}, numpy {np.__version__})")
    print(f"RESULT pydicom_gbps={gbps:.4f} pydicom_cpu_gbps={cpu_gbps:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
