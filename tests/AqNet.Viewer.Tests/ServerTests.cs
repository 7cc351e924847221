using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.NetCdf;
using AqNet.Core.Store;
using AqNet.Viewer.Hosting;
using AqNet.Viewer.Http;

namespace AqNet.Viewer.Tests;

/// <summary>The API of a running viewer (port 0, loopback) on the fixture: the frame bytes against the NetCDF values,
/// stations and series against the store, the CSV, and the security rules.</summary>
public sealed class ServerTests(ViewerFixture f) : IClassFixture<ViewerFixture>
{
    private async Task<(ViewerHost Host, HttpClient Http)> Start(string? grid = null)
    {
        var host = await ViewerHost.StartAsync(new ServeOptions { GridPath = grid ?? f.Nc, StorePath = f.Store, ModelDir = f.Model, Port = 0 });
        return (host, new HttpClient { BaseAddress = host.Url });
    }

    [Theory]
    [InlineData("nc")]
    [InlineData("zarr")]
    public async Task A_frame_is_the_files_float32_values_exactly(string format)
    {
        var (host, http) = await Start(format == "nc" ? f.Nc : f.Zarr);
        await using var _ = host;
        using var nc = NetCdfReader.Open(f.Nc);
        for (var t = 0; t < ViewerFixture.Steps; t++)
        {
            var r = await http.GetAsync($"api/frame/{t}");
            Assert.Equal("application/octet-stream", r.Content.Headers.ContentType!.MediaType);
            var values = FrameEncoding.Decode(await r.Content.ReadAsByteArrayAsync());
            Assert.Equal(nc.ReadTimeSlice("pm25", t), values);
        }
        var u = FrameEncoding.Decode(await http.GetByteArrayAsync("api/frame/2?layer=uncertainty"));
        Assert.Equal(nc.ReadTimeSlice("pm25_uncertainty", 2), u);
        Assert.Equal(nc.ReadFloats("far_from_stations"), FrameEncoding.Decode(await http.GetByteArrayAsync("api/static/far")));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"api/frame/{ViewerFixture.Steps}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/frame/0?layer=upper")).StatusCode);
    }

    [Fact]
    public async Task Meta_describes_grid_times_layers_and_scales()
    {
        var (host, http) = await Start();
        await using var _ = host;
        using var meta = JsonDocument.Parse(await http.GetStringAsync("api/meta"));
        var m = meta.RootElement;
        Assert.Equal(6, m.GetProperty("nLon").GetInt32());
        Assert.Equal(4, m.GetProperty("nLat").GetInt32());
        Assert.Equal("2019-03-01T01:00:00Z", m.GetProperty("times")[0].GetString());
        Assert.Equal(["pm25", "uncertainty"], m.GetProperty("layers").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("ug m-3", m.GetProperty("pm25").GetProperty("units").GetString());
        // 99th percentile of frames 0, 2, 4 (values up to 40 + 22.25) rounded up to a multiple of 25
        Assert.Equal(75, m.GetProperty("pm25").GetProperty("max").GetDouble());
        Assert.True(m.GetProperty("hasModel").GetBoolean());
    }

    [Fact]
    public async Task Stations_carry_the_stores_observed_value_and_whether_the_model_used_them()
    {
        var (host, http) = await Start();
        await using var _ = host;
        for (var t = 0; t < ViewerFixture.Steps; t++)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"api/stations?t={t}"));
            var s = doc.RootElement.EnumerateArray().ToDictionary(x => x.GetProperty("id").GetString()!);
            Assert.Equal(["A", "B"], s.Keys.Order());   // C lies outside the grid
            Assert.True(s["A"].GetProperty("visible").GetBoolean());
            Assert.False(s["B"].GetProperty("visible").GetBoolean());
            Assert.Equal(1, s["A"].GetProperty("cell").GetInt32());
            Assert.Equal(3 * 6 + 4, s["B"].GetProperty("cell").GetInt32());
            var a = s["A"].GetProperty("value");
            if (float.IsNaN(ViewerFixture.ObsA[t])) Assert.Equal(JsonValueKind.Null, a.ValueKind);
            else Assert.Equal(ViewerFixture.ObsA[t], a.GetSingle());
            Assert.Equal(ViewerFixture.ObsB[t], s["B"].GetProperty("value").GetSingle());
        }
    }

    [Fact]
    public async Task A_stations_series_is_the_store_and_the_grid_cell_with_its_band()
    {
        var (host, http) = await Start();
        await using var _ = host;
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/series?station=A"));
        var s = doc.RootElement;
        using (var store = AqStore.OpenRead(f.Store))
        {
            var p = PanelLoader.Load(store, ["A"], [Variables.Pm25], ViewerFixture.T0, ViewerFixture.T0.AddHours(ViewerFixture.Steps - 1));
            var observed = s.GetProperty("observed").EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? float.NaN : x.GetSingle());
            Assert.Equal(p.Values, observed);
        }
        Assert.Equal([.. Enumerable.Range(0, 5).Select(t => ViewerFixture.Pm25(t, 1))], s.GetProperty("reanalysis").EnumerateArray().Select(x => x.GetSingle()));
        Assert.Equal(ViewerFixture.Pm25(3, 1) + ViewerFixture.Uncertainty(1), s.GetProperty("upper")[3].GetSingle());
        Assert.Contains("spread over k", s.GetProperty("band").GetString());
        Assert.Equal([.. Enumerable.Range(0, 5).Select(ViewerFixture.Filled)], s.GetProperty("filled").EnumerateArray().Select(x => x.GetSingle()));
        Assert.Equal(ViewerFixture.Filled(2) + 5, s.GetProperty("filledUpper")[2].GetSingle());
        using var cell = JsonDocument.Parse(await http.GetStringAsync("api/series?cell=2,1"));
        Assert.Equal(ViewerFixture.Pm25(4, 8), cell.RootElement.GetProperty("reanalysis")[4].GetSingle());
        Assert.All(cell.RootElement.GetProperty("observed").EnumerateArray(), x => Assert.Equal(JsonValueKind.Null, x.ValueKind));
        foreach (var bad in new[] { "api/series?station=C", "api/series?cell=6,0", "api/series?cell=-1,0", "api/series?cell=1", "api/series" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(bad)).StatusCode);
    }

    [Fact]
    public async Task The_csv_holds_the_series_row_by_row()
    {
        var (host, http) = await Start();
        await using var _ = host;
        var r = await http.GetAsync("api/series.csv?station=A");
        Assert.Equal("text/csv", r.Content.Headers.ContentType!.MediaType);
        Assert.Equal("series-station_A_Alpha.csv", r.Content.Headers.ContentDisposition!.FileName);
        var lines = (await r.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("# station A Alpha", lines[0]);
        Assert.StartsWith("# lower/upper: reanalysis ± pm25_uncertainty", lines[1]);
        Assert.Equal("time_utc,observed,reanalysis,lower,upper,filled,filled_lower,filled_upper", lines[2]);
        static string R(float x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        float v0 = ViewerFixture.Pm25(0, 1), v2 = ViewerFixture.Pm25(2, 1), u = ViewerFixture.Uncertainty(1);
        Assert.Equal($"2019-03-01T01:00:00Z,12.5,1.25,{R(v0 - u)},{R(v0 + u)},15,10,20", lines[3]);
        Assert.Equal($"2019-03-01T03:00:00Z,,21.25,{R(v2 - u)},{R(v2 + u)},29,24,34", lines[5]);   // hour 2: not observed
        var b = (await http.GetStringAsync("api/series.csv?station=B")).Split('\n')[3];
        Assert.EndsWith(",,,", b);   // B has no filled record
        Assert.Equal(3 + ViewerFixture.Steps, lines.Length);
    }

    [Theory]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/app.js/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("/api/static/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/api/static/%2fetc%2fpasswd")]
    [InlineData("http://{authority}/etc/passwd")]
    [InlineData("/grid.nc")]
    [InlineData("/index.html")]
    public async Task No_url_reaches_the_file_system(string target)
    {
        var (host, http) = await Start();
        await using var _ = host;
        var (status, body) = await Raw(host.Url, target.Replace("{authority}", host.Url.Authority));
        Assert.Equal(404, status);
        Assert.DoesNotContain("root:", body);
        Assert.DoesNotContain("CDF", body);
    }

    [Fact]
    public async Task A_request_naming_another_host_is_refused_on_loopback()
    {
        var (host, _) = await Start();
        await using var __ = host;
        var (status, _) = await Raw(host.Url, "/api/meta", "evil.example");
        Assert.Equal(421, status);
        Assert.Equal(200, (await Raw(host.Url, "/api/meta")).Status);
    }

    [Fact]
    public void A_bind_beyond_loopback_needs_allow_remote()
    {
        Assert.Contains("--allow-remote", Assert.Throws<InputException>(() => ServeOptions.ParseBind("0.0.0.0", false)).Message);
        Assert.Contains("--allow-remote", Assert.Throws<InputException>(() => ServeOptions.ParseBind("192.168.1.10", false)).Message);
        Assert.Equal(IPAddress.Any, ServeOptions.ParseBind("0.0.0.0", true));
        Assert.Equal(IPAddress.Loopback, ServeOptions.ParseBind("localhost", false));
        Assert.Equal(IPAddress.IPv6Loopback, ServeOptions.ParseBind("::1", false));
        Assert.Contains("expected an IP address", Assert.Throws<InputException>(() => ServeOptions.ParseBind("example.com", false)).Message);
    }

    [Fact]
    public async Task The_page_and_script_are_served_from_the_assembly()
    {
        var (host, http) = await Start();
        await using var _ = host;
        var page = await http.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script src=\"app.js\">", await page.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("api/frame/", await http.GetStringAsync("app.js"));
    }

    /// <summary>A request sent as typed (HttpClient would normalise the path first).</summary>
    private static async Task<(int Status, string Body)> Raw(Uri url, string target, string? hostHeader = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var s = tcp.GetStream();
        await s.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {hostHeader ?? url.Authority}\r\nConnection: close\r\n\r\n"));
        var text = await new StreamReader(s, Encoding.UTF8).ReadToEndAsync();
        return (int.Parse(text.Split(' ')[1]), text);
    }
}
