using AqNet.Core.Data;
using AqNet.Core.Tests.Import;

namespace AqNet.Core.Tests.Data;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary()
    {
        using var dir = new TempFolder();
        var target = dir.File("out.json", "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("writer failed");
        }));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Text_is_utf8_without_a_byte_order_mark_and_replaces_the_old_file()
    {
        using var dir = new TempFolder();
        var target = dir.File("report.md", "old");
        AtomicFile.WriteAllText(target, "北京 µg/m³", "report");
        Assert.Equal("北京 µg/m³"u8.ToArray(), File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void An_unwritable_target_is_an_input_error_naming_what_and_where()
    {
        using var dir = new TempFolder();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "report.md")).FullName;   // a folder in the way
        var e = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(folder, "x", "report"));
        Assert.StartsWith($"cannot write report {folder}: ", e.Message);
        Assert.Equal([], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriteVia_puts_what_a_path_writer_made_in_place_and_removes_it_on_failure()
    {
        using var dir = new TempFolder();
        var target = Path.Combine(dir.Path, "sub", "export.csv");
        Assert.Equal(3, AtomicFile.WriteVia(target, tmp => { File.WriteAllText(tmp, "a,b"); return 3; }));
        Assert.Equal("a,b", File.ReadAllText(target));
        Assert.Throws<IOException>(() => AtomicFile.WriteVia(target, tmp => { File.WriteAllText(tmp, "half"); throw new IOException("disk full"); }));
        Assert.Equal("a,b", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [Fact]
    public void WriteIfAbsent_keeps_the_first_writers_file()
    {
        using var dir = new TempFolder();
        var target = Path.Combine(dir.Path, "manifest.json");
        Assert.True(AtomicFile.WriteIfAbsent(target, "first"u8.ToArray()));
        Assert.False(AtomicFile.WriteIfAbsent(target, "second"u8.ToArray()));
        Assert.Equal("first", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ReplaceDirectory_swaps_a_finished_folder_in_and_leaves_nothing_beside_it()
    {
        using var dir = new TempFolder();
        var target = Path.Combine(dir.Path, "grid.zarr");
        dir.File("grid.zarr/.zgroup", "old");
        var tmp = AtomicFile.TempPathFor(target);
        Directory.CreateDirectory(tmp);
        File.WriteAllText(Path.Combine(tmp, ".zgroup"), "new");
        AtomicFile.ReplaceDirectory(tmp, target);
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, ".zgroup")));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void WriteDirectory_replaces_a_folder_whole_and_a_failed_write_leaves_the_old_one()
    {
        using var dir = new TempFolder();
        var target = Path.Combine(dir.Path, "model");
        AtomicFile.WriteDirectory(target, tmp => File.WriteAllText(Path.Combine(tmp, "model.json"), "old"));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteDirectory(target, tmp =>
        {
            File.WriteAllText(Path.Combine(tmp, "model.json"), "half");
            throw new InvalidOperationException("writer failed");
        }));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "model.json")));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir.Path));
        AtomicFile.WriteDirectory(target, tmp =>
        {
            Directory.CreateDirectory(Path.Combine(tmp, "sub"));
            File.WriteAllText(Path.Combine(tmp, "sub", "weights.bin"), "new");
        });
        Assert.Equal(["weights.bin"], Directory.GetFiles(target, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir.Path));
    }
}
