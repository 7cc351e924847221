using System.Runtime.InteropServices;

namespace AqNet.Viewer.Hosting;

/// <summary>`aqnet serve`: starts the viewer, prints its address and serves until Ctrl-C (the token) or SIGTERM, then
/// stops cleanly (requests in flight finish, files are closed) and returns.</summary>
public static class ViewerServer
{
    public static void Run(ServeOptions o, TextWriter output, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        var host = ViewerHost.StartAsync(o, ct).GetAwaiter().GetResult();
        try
        {
            output.WriteLine($"serving {o.GridPath} at {host.Url} (Ctrl-C to stop)");
            output.Flush();
            stop.Token.WaitHandle.WaitOne();
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        output.WriteLine("stopped");
    }
}
