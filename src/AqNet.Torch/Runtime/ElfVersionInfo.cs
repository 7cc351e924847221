using System.Buffers.Binary;
using System.Text;

namespace AqNet.Torch.Runtime;

/// <summary>Reads the symbol-versioning sections of a 64-bit little-endian ELF shared object: the versions it
/// needs from each library (.gnu.version_r), the versions it defines (.gnu.version_d), and which dynamic symbols
/// are bound to which needed version (.gnu.version + .dynsym). Just enough ELF for the libstdc++ check.</summary>
internal sealed class ElfVersionInfo
{
    private const uint ShtDynsym = 11, ShtVerdef = 0x6ffffffd, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;

    /// <summary>One vernaux entry: a version needed from <see cref="File"/>; <see cref="FlagsOffset"/> is the
    /// byte offset of its 16-bit vna_flags field in the file (where VER_FLG_WEAK = 0x2 is set to patch it).</summary>
    public sealed record Need(string File, string Version, ushort Index, ushort Flags, long FlagsOffset);

    public List<Need> Needs { get; } = [];
    public List<string> Definitions { get; } = [];
    /// <summary>Undefined dynamic symbols by the needed-version index they are bound to.</summary>
    public Dictionary<ushort, List<string>> UndefinedSymbolsByVersion { get; } = [];

    public static ElfVersionInfo Read(byte[] b, string path)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidDataException($"{path}: not an ELF file");
        if (b[4] != 2 || b[5] != 1) throw new InvalidDataException($"{path}: expected a 64-bit little-endian ELF (class {b[4]}, data {b[5]})");
        var info = new ElfVersionInfo();
        var shoff = (long)U64(b, 0x28);
        int shentsize = U16(b, 0x3A), shnum = U16(b, 0x3C);
        var sections = new (uint Type, long Offset, long Size, uint Link, long EntSize)[shnum];
        for (var i = 0; i < shnum; i++)
        {
            var o = shoff + (long)i * shentsize;
            sections[i] = (U32(b, o + 4), (long)U64(b, o + 0x18), (long)U64(b, o + 0x20), U32(b, o + 0x28), (long)U64(b, o + 0x38));
        }
        long versymOff = -1, dynsymOff = -1, dynsymCount = 0, dynstrOff = 0;
        foreach (var s in sections)
        {
            var strOff = s.Link < shnum ? sections[s.Link].Offset : 0;
            switch (s.Type)
            {
                case ShtVerneed: ReadNeeds(b, s.Offset, strOff, info.Needs); break;
                case ShtVerdef: ReadDefs(b, s.Offset, strOff, info.Definitions); break;
                case ShtVersym: versymOff = s.Offset; break;
                case ShtDynsym: dynsymOff = s.Offset; dynsymCount = s.EntSize > 0 ? s.Size / s.EntSize : 0; dynstrOff = strOff; break;
            }
        }
        if (versymOff >= 0 && dynsymOff >= 0)
        {
            for (long i = 0; i < dynsymCount; i++)
            {
                var sym = dynsymOff + i * 24;               // Elf64_Sym: name u32, info u8, other u8, shndx u16, value, size
                if (U16(b, sym + 6) != 0) continue;          // defined here: not a need
                var ver = (ushort)(U16(b, versymOff + i * 2) & 0x7fff);
                if (ver < 2) continue;                       // 0 local, 1 global: unversioned
                if (!info.UndefinedSymbolsByVersion.TryGetValue(ver, out var list)) info.UndefinedSymbolsByVersion[ver] = list = [];
                list.Add(Str(b, dynstrOff + U32(b, sym)));
            }
        }
        return info;
    }

    private static void ReadNeeds(byte[] b, long off, long strOff, List<Need> needs)
    {
        for (var p = off; ;)
        {
            int cnt = U16(b, p + 2);
            var file = Str(b, strOff + U32(b, p + 4));
            var a = p + U32(b, p + 8);
            for (var i = 0; i < cnt; i++)
            {
                needs.Add(new Need(file, Str(b, strOff + U32(b, a + 8)), U16(b, a + 6), U16(b, a + 4), a + 4));
                a += U32(b, a + 12);
            }
            var next = U32(b, p + 12);
            if (next == 0) break;
            p += next;
        }
    }

    private static void ReadDefs(byte[] b, long off, long strOff, List<string> defs)
    {
        for (var p = off; ;)
        {
            var aux = p + U32(b, p + 12);                    // first verdaux holds the version name
            defs.Add(Str(b, strOff + U32(b, aux)));
            var next = U32(b, p + 16);
            if (next == 0) break;
            p += next;
        }
    }

    private static ushort U16(byte[] b, long o) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan((int)o));
    private static uint U32(byte[] b, long o) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)o));
    private static ulong U64(byte[] b, long o) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan((int)o));

    private static string Str(byte[] b, long o)
    {
        var end = Array.IndexOf(b, (byte)0, (int)o);
        return Encoding.ASCII.GetString(b, (int)o, end - (int)o);
    }
}
