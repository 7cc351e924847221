using System.Net;
using AqNet.Core.Data;

namespace AqNet.Viewer.Hosting;

/// <summary>What `aqnet serve` was started with: the files it may read, and where it listens.</summary>
public sealed record ServeOptions
{
    public required string GridPath { get; init; }
    public string? StorePath { get; init; }
    public string? ModelDir { get; init; }
    /// <summary>0 picks a free port (printed at start).</summary>
    public int Port { get; init; } = 8765;
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>The --bind address; "localhost" means 127.0.0.1. A non-loopback address needs --allow-remote: the
    /// viewer has no authentication, so anyone who can reach the port can read the grid and the store's stations.</summary>
    public static IPAddress ParseBind(string text, bool allowRemote)
    {
        var address = text.Trim().Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(text.Trim(), out var a) ? a
            : throw new InputException($"--bind '{text}': expected an IP address such as 127.0.0.1, ::1 or 0.0.0.0");
        if (!IPAddress.IsLoopback(address) && !allowRemote)
            throw new InputException($"--bind {text}: not a loopback address; the viewer has no authentication and would serve the grid to anyone " +
                                     "who can reach this machine. Add --allow-remote to do that, or bind to 127.0.0.1");
        return address;
    }

    public static int ParsePort(int port) =>
        port is >= 0 and <= 65535 ? port : throw new InputException($"--port {port}: expected 0..65535 (0 picks a free port)");
}
