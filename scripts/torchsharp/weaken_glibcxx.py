#!/usr/bin/python3
"""Let TorchSharp's libLibTorchSharp.so load on a libstdc++ older than the one it was linked against.

TorchSharp 0.107.0 ships libLibTorchSharp.so built with GCC 13: it requires GLIBCXX_3.4.32, while Debian 12's
libstdc++ stops at GLIBCXX_3.4.30, so the dynamic loader refuses the library. The only symbol bound to that version
is _ZSt21ios_base_library_initv, and no relocation uses it. Marking the version requirement WEAK (VER_FLG_WEAK in the
Vernaux entry of .gnu.version_r) turns the loader's hard error into a silent pass; nothing else changes.

The script is safe by construction: it edits only version requirements that (1) the system libstdc++ does not provide
and (2) no dynamic relocation of the library refers to; anything else missing is an error, never patched. It writes a
new file and renames it over the old one (so a hard link into the NuGet cache is never modified), keeps the file's
timestamp (so MSBuild's incremental copy does not recopy and re-patch it), and does nothing on a second run.

Standard library only (Debian's /usr/bin/python3). Usage:
    weaken_glibcxx.py LIBRARY [--system-libstdcxx PATH] [--check]
Exit codes: 0 patched or nothing to do, 1 unsafe or unreadable, 3 (--check only) a patch would be needed.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

SHT_RELA = 4
SHT_DYNSYM = 11
SHT_GNU_VERNEED = 0x6FFFFFFE
SHT_GNU_VERSYM = 0x6FFFFFFF
VER_FLG_WEAK = 0x2


class Section:
    def __init__(self, name_offset, kind, offset, size, link, entsize):
        self.name_offset, self.kind, self.offset, self.size, self.link, self.entsize = (
            name_offset, kind, offset, size, link, entsize)


def read_sections(data):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(shnum):
        name, kind, _flags, _addr, offset, size, link, _info, _align, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", data, shoff + i * shentsize)
        sections.append(Section(name, kind, offset, size, link, entsize))
    return sections


def c_string(data, offset):
    return data[offset:data.index(b"\0", offset)].decode("ascii")


def version_requirements(data, sections):
    """Yields (file, version name, version index, offset of vna_flags, flags) for every Vernaux entry."""
    for verneed in (s for s in sections if s.kind == SHT_GNU_VERNEED):
        strtab = sections[verneed.link].offset
        entry = verneed.offset
        while True:
            _version, count, file_name, aux, next_need = struct.unpack_from("<HHIII", data, entry)
            aux_entry = entry + aux
            for _ in range(count):
                _hash, flags, other, name, next_aux = struct.unpack_from("<IHHII", data, aux_entry)
                yield c_string(data, strtab + file_name), c_string(data, strtab + name), other, aux_entry + 4, flags
                if next_aux == 0:
                    break
                aux_entry += next_aux
            if next_need == 0:
                break
            entry += next_need


def version_indices_used_by_relocations(data, sections):
    """The version index of every dynamic symbol that a relocation (.rela.dyn, .rela.plt) refers to."""
    versym = next((s for s in sections if s.kind == SHT_GNU_VERSYM), None)
    used = set()
    for rela in (s for s in sections if s.kind == SHT_RELA and sections[s.link].kind == SHT_DYNSYM):
        for i in range(rela.size // 24):
            _offset, info, _addend = struct.unpack_from("<QQq", data, rela.offset + i * 24)
            symbol = info >> 32
            if symbol != 0 and versym is not None:
                index, = struct.unpack_from("<H", data, versym.offset + 2 * symbol)
                used.add(index & 0x7FFF)
    return used


def find_system_libstdcxx():
    try:
        listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
        for line in listing.splitlines():
            if line.strip().startswith("libstdc++.so.6 ") and "x86-64" in line:
                return line.rsplit("=>", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    for candidate in ("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6"):
        if os.path.exists(candidate):
            return candidate
    raise FileNotFoundError("no system libstdc++.so.6 found")


def provided_versions(libstdcxx_path):
    with open(libstdcxx_path, "rb") as f:
        blob = f.read()
    # Version names live in .dynstr as NUL-terminated strings; a byte search is exact enough for GLIBCXX_x.y.z.
    return lambda name: (name.encode("ascii") + b"\0") in blob


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library")
    parser.add_argument("--system-libstdcxx", help="path of the libstdc++.so.6 to check against (default: ldconfig's)")
    parser.add_argument("--check", action="store_true", help="report only; exit 3 if a patch would be needed")
    args = parser.parse_args()

    with open(args.library, "rb") as f:
        data = bytearray(f.read())
    sections = read_sections(data)
    system = args.system_libstdcxx or find_system_libstdcxx()
    has_version = provided_versions(system)
    used = version_indices_used_by_relocations(data, sections)

    to_weaken, already_weak = [], []
    for file_name, name, index, flags_offset, flags in version_requirements(data, sections):
        if not name.startswith("GLIBCXX_") or has_version(name):
            continue
        if flags & VER_FLG_WEAK:
            already_weak.append(name)
            continue
        if index in used:
            print(f"error: {args.library} needs {name} (from {file_name}) for a relocation; "
                  f"{system} lacks it, and weakening it would be unsafe", file=sys.stderr)
            return 1
        to_weaken.append((name, flags_offset, flags))

    name = os.path.basename(args.library)
    if not to_weaken:
        state = f"already weak: {', '.join(already_weak)}" if already_weak else f"{system} provides every GLIBCXX version"
        print(f"{name}: nothing to do ({state})")
        return 0
    if args.check:
        print(f"{name}: would weaken {', '.join(n for n, _, _ in to_weaken)}")
        return 3

    for _, flags_offset, flags in to_weaken:
        struct.pack_into("<H", data, flags_offset, flags | VER_FLG_WEAK)
    stat = os.stat(args.library)
    directory = os.path.dirname(os.path.abspath(args.library))
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".weaken-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(temp, stat.st_mode & 0o7777)
        os.utime(temp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        os.replace(temp, args.library)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    print(f"{name}: marked {', '.join(n for n, _, _ in to_weaken)} weak (not in {system}; no relocation uses it)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
