using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using AqNet.Cli;
using AqNet.Tests;

namespace AqNet.Cli.Tests;

/// <summary>`aqnet data download beijing` against a small HTTP server on 127.0.0.1 that serves the shared zip
/// inside an outer zip, as UCI does.</summary>
public sealed class DownloadTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [DataFact]
    public void Downloads_unpacks_and_verifies_from_a_local_server()
    {
        var inner = TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip");
        var outer = _fx.Path_("outer.zip");
        using (var z = ZipFile.Open(outer, ZipArchiveMode.Create))
            z.CreateEntryFromFile(inner, "PRSA2017_Data_20130301-20170228.zip", CompressionLevel.NoCompression);

        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var served = 0;
        var server = Task.Run(async () =>
        {
            var ctx = await listener.GetContextAsync();
            served++;
            var bytes = await File.ReadAllBytesAsync(outer);
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        });
        var cache = _fx.Path_("cache");
        var (exit, output, err) = CliApp.Run("data", "download", "beijing", "--url", $"http://127.0.0.1:{port}/uci.zip", "--cache", cache, "--force");
        Assert.True(exit == 0, err);
        Assert.True(server.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, served);
        var path = output.Trim();
        Assert.Equal(Path.Combine(cache, "PRSA2017_Data_20130301-20170228.zip"), path);
        Assert.Equal(File.ReadAllBytes(inner), File.ReadAllBytes(path));
        Assert.Contains("12 files", err);
    }

    [Fact]
    public void Download_failure_names_the_address_and_leaves_no_partial_file()
    {
        var port = FreePort(); // nothing listens there
        var cache = _fx.Path_("cache");
        var url = $"http://127.0.0.1:{port}/uci.zip";
        var (exit, _, err) = CliApp.Run("data", "download", "beijing", "--url", url, "--cache", cache, "--force");
        Assert.Equal(2, exit);
        Assert.Contains(url, err);
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache) : []);
    }

    [DataFact]
    public void From_a_local_folder_works_offline()
    {
        var folder = TestData.Require("beijing-multisite");
        var (exit, output, err) = CliApp.Run("data", "download", "beijing", "--from", folder, "--url", "http://127.0.0.1:9/never");
        Assert.True(exit == 0, err);
        Assert.EndsWith("PRSA2017_Data_20130301-20170228.zip", output.Trim());
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
