using System.Text.Json;
using AqNet.Core.NetCdf;
using AqNet.Viewer.Hosting;
using AqNet.Viewer.Http;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;

namespace AqNet.Viewer.Tests;

/// <summary>The page in headless Chromium on the fixture: the drawn cells have the colours of the NetCDF values through
/// the colour scale, the slider changes the hour, the far mask greys the far cells, and a click on a station draws
/// its series (the store's observations and filled record, the grid's cell). Screenshots go to artifacts/ in the test output folder.</summary>
public sealed class BrowserTests(ViewerFixture f) : IClassFixture<ViewerFixture>
{
    private static readonly string Artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    [BrowserFact]
    public async Task The_page_draws_the_grid_moves_in_time_and_shows_a_stations_series()
    {
        await using var host = await ViewerHost.StartAsync(new ServeOptions { GridPath = f.Nc, StorePath = f.Store, ModelDir = f.Model, Port = 0 });
        using var driver = StartChrome();
        var js = (IJavaScriptExecutor)driver;
        driver.Navigate().GoToUrl(host.Url);
        WaitFor(js, "return document.body.dataset.ready === 'true' || !!document.body.dataset.error");
        Assert.Null(js.ExecuteScript("return window.viewer.error"));
        using var nc = NetCdfReader.Open(f.Nc);
        var scale = Scale(js);
        CheckCells(js, scale, nc.ReadTimeSlice("pm25", 0));
        Screenshot(driver, "viewer-t0.png");

        var slider = driver.FindElement(By.Id("slider"));
        slider.SendKeys(Keys.ArrowRight);
        WaitFor(js, "return window.viewer.painted === 1");
        CheckCells(js, scale, nc.ReadTimeSlice("pm25", 1));
        Assert.StartsWith("2019-03-01 02:00 UTC", driver.FindElement(By.Id("time")).Text);
        slider.SendKeys(Keys.End);
        WaitFor(js, "return window.viewer.painted === 4");
        var last = nc.ReadTimeSlice("pm25", 4);
        CheckCells(js, scale, last);

        driver.FindElement(By.Id("show-far")).Click();
        WaitFor(js, "return window.viewer.painted === 4");
        var far = nc.ReadFloats("far_from_stations");
        var farCell = Enumerable.Range(0, far.Length).First(c => far[c] == 1 && c is not 22 and not 23);
        var (r, g, b, _) = Pixel(js, farCell % 6, farCell / 6);
        var c0 = scale.Colour(last[farCell]);
        Assert.InRange(r, Blend(c0.R) - 2, Blend(c0.R) + 2);
        Assert.InRange(g, Blend(c0.G) - 2, Blend(c0.G) + 2);
        Assert.InRange(b, Blend(c0.B) - 2, Blend(c0.B) + 2);
        Screenshot(driver, "viewer-far-mask.png");

        // station B (held out) sits at 160.45°E 20.35°N: pixel (180, 20) of the 240 × 160 map
        var map = driver.FindElement(By.Id("map"));
        new Actions(driver).MoveToElement(map, 180 - map.Size.Width / 2, 20 - map.Size.Height / 2).Click().Perform();
        WaitFor(js, "return !!document.body.dataset.series");
        var series = JsonDocument.Parse((string)js.ExecuteScript("return JSON.stringify(window.viewer.series)")!).RootElement;
        Assert.Equal("station B Beta", series.GetProperty("label").GetString());
        Assert.Equal(ViewerFixture.ObsB, series.GetProperty("observed").EnumerateArray().Select(x => x.GetSingle()));
        Assert.Equal(nc.ReadRecordPoints("pm25", 22), series.GetProperty("reanalysis").EnumerateArray().Select(x => x.GetSingle()));
        Assert.EndsWith("api/series.csv?station=B", driver.FindElement(By.Id("csv")).GetAttribute("href"));
        Assert.True(driver.FindElement(By.Id("series")).Displayed);
        Assert.False(driver.FindElement(By.Id("filled-legend")).Displayed);
        Screenshot(driver, "viewer-series.png");

        // station A (used, with a filled record in the store) at 160.15°E 20.05°N: pixel (60, 140)
        new Actions(driver).MoveToElement(map, 60 - map.Size.Width / 2, 140 - map.Size.Height / 2).Click().Perform();
        WaitFor(js, "return document.body.dataset.series === 'station A Alpha'");
        var a = JsonDocument.Parse((string)js.ExecuteScript("return JSON.stringify(window.viewer.series)")!).RootElement;
        Assert.Equal([.. Enumerable.Range(0, ViewerFixture.Steps).Select(ViewerFixture.Filled)], a.GetProperty("filled").EnumerateArray().Select(x => x.GetSingle()));
        Assert.True(driver.FindElement(By.Id("filled-legend")).Displayed);
        Screenshot(driver, "viewer-series-filled.png");
    }

    private static int Blend(int c) => (int)Math.Round(0.6 * 128 + 0.4 * c);

    private static ColourScale Scale(IJavaScriptExecutor js)
    {
        var s = JsonDocument.Parse((string)js.ExecuteScript("return JSON.stringify(window.viewer.meta.pm25)")!).RootElement;
        return new ColourScale(s.GetProperty("min").GetDouble(), s.GetProperty("max").GetDouble(),
            [.. s.GetProperty("stops").EnumerateArray().Select(x => x.GetString()!)]);
    }

    /// <summary>Cells away from the station markers (A in cell 1, B in cell 22) have exactly their value's colour;
    /// the missing cell 23 is left transparent.</summary>
    private static void CheckCells(IJavaScriptExecutor js, ColourScale scale, float[] values)
    {
        foreach (var cell in new[] { 0, 3, 8, 14, 17, 19 })
        {
            var (r, g, b, a) = Pixel(js, cell % 6, cell / 6);
            Assert.Equal((scale.Colour(values[cell]), 255), ((r, g, b), a));
        }
        Assert.Equal(0, Pixel(js, 5, 3).A);
    }

    private static (int R, int G, int B, int A) Pixel(IJavaScriptExecutor js, int i, int j)
    {
        var p = ((IEnumerable<object>)js.ExecuteScript(
            "const [x, y] = window.viewer.cellPixel(arguments[0], arguments[1]);" +
            "return Array.from(document.getElementById('map').getContext('2d').getImageData(x, y, 1, 1).data);", i, j)!)
            .Select(Convert.ToInt32).ToArray();
        return (p[0], p[1], p[2], p[3]);
    }

    private static void WaitFor(IJavaScriptExecutor js, string condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (js.ExecuteScript(condition) is not true)
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out waiting for: {condition}; page error: {js.ExecuteScript("return window.viewer && window.viewer.error")}");
            Thread.Sleep(50);
        }
    }

    private static void Screenshot(IWebDriver driver, string name) =>
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(Artifacts, name));

    internal static ChromeDriver StartChrome()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.Driver)!, Path.GetFileName(BrowserFactAttribute.Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var o = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        o.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1000", "--force-device-scale-factor=1");
        return new ChromeDriver(service, o, TimeSpan.FromSeconds(60));
    }
}
