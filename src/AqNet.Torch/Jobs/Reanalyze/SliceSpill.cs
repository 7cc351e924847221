namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>Grid slices kept for the maps, in a temp file instead of memory: a run writes them a tile at a time and
/// the maps read them back one whole slice at a time, so memory holds one slice however many maps there are.</summary>
internal sealed class SliceSpill(string dir, int cells, int slots) : IDisposable
{
    private readonly string _path = Path.Combine(dir, ".aqnet-map-slices-" + Guid.NewGuid().ToString("N")[..8]);
    private FileStream? _fs;

    public int Slots => slots;

    /// <summary>Values of cells [firstCell, firstCell + values.Length) of slice slot.</summary>
    public void Write(int slot, int firstCell, ReadOnlySpan<float> values)
    {
        var fs = Open();
        fs.Position = ((long)slot * cells + firstCell) * 4;
        fs.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public float[] Read(int slot)
    {
        var fs = Open();
        var result = new float[cells];
        fs.Position = (long)slot * cells * 4;
        fs.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    private FileStream Open()
    {
        if (_fs is not null) return _fs;
        Directory.CreateDirectory(dir);
        _fs = new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        return _fs;
    }

    public void Dispose() => _fs?.Dispose();
}
