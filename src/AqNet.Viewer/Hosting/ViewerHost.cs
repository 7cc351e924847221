using System.Net;
using System.Net.Sockets;
using AqNet.Core.Data;
using AqNet.Viewer.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AqNet.Viewer.Hosting;

/// <summary>A running viewer: Kestrel on the chosen address, the routes of <see cref="ViewerRoutes"/>, no static
/// files, no logging to the console. Stopped by <see cref="DisposeAsync"/>.</summary>
public sealed class ViewerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ViewerData _data;

    private ViewerHost(WebApplication app, ViewerData data, Uri url) => (_app, _data, Url) = (app, data, url);

    public Uri Url { get; }

    public static async Task<ViewerHost> StartAsync(ServeOptions o, CancellationToken ct = default)
    {
        var data = ViewerData.Open(o);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ViewerHost).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();   // signals are the caller's (ViewerServer)
            builder.WebHost.ConfigureKestrel(k => k.Listen(o.Bind, o.Port));
            var app = builder.Build();
            app.Use(async (ctx, next) =>
            {
                ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
                ctx.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
                // On loopback, a request naming another host is a DNS-rebinding page trying to read the data: refuse it.
                if (IPAddress.IsLoopback(o.Bind) && !LoopbackHost(ctx.Request.Host.Host)) { ctx.Response.StatusCode = 421; return; }
                await next(ctx);
            });
            ViewerRoutes.Map(app, data);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e) when (e.InnerException is SocketException or null)
            {
                await app.DisposeAsync();
                throw new InputException($"cannot listen on {o.Bind}:{o.Port}: {e.Message}; choose another --port (0 picks a free one)", e);
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var port = new Uri(address).Port;
            var host = o.Bind.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{o.Bind}]" : o.Bind.ToString();
            if (o.Bind.Equals(IPAddress.Any)) host = "127.0.0.1";
            if (o.Bind.Equals(IPAddress.IPv6Any)) host = "[::1]";
            var url = new Uri($"http://{host}:{port}/");
            await WarmUp(url, ct);
            return new ViewerHost(app, data, url);
        }
        catch { data.Dispose(); throw; }
    }

    /// <summary>One request to each route before the address is printed, so the first page load does not wait for the
    /// routes' code to be compiled (the CLI runs without tiered compilation).</summary>
    private static async Task WarmUp(Uri url, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var path in new[] { "", "app.js", "api/meta", "api/boundaries", "api/stations?t=0", "api/frame/0", "api/static/far", "api/series?cell=0,0" })
        {
            try
            {
                using var _ = await http.GetAsync(path, ct);
            }
            catch (HttpRequestException)
            {
                // a route that fails here fails for the page too, with its own message
            }
        }
    }

    private static bool LoopbackHost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || (IPAddress.TryParse(host.Trim('[', ']'), out var a) && IPAddress.IsLoopback(a));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
