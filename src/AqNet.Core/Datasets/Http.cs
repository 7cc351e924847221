using AqNet.Core.Data;

namespace AqNet.Core.Datasets;

/// <summary>Downloads a file with progress, through <see cref="AtomicFile"/>, so a broken transfer leaves nothing behind.</summary>
internal static class Http
{
    public static void DownloadFile(string url, string target, IProgress<string>? progress, CancellationToken ct)
    {
        try
        {
            using var pending = AtomicFile.Begin(target);
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
                throw new InputException($"download of {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var total = response.Content.Headers.ContentLength;
            using (var src = response.Content.ReadAsStream(ct))
            using (var dst = new FileStream(pending.TempPath, FileMode.CreateNew, FileAccess.Write))
            {
                var buffer = new byte[1 << 16];
                long done = 0, nextReport = 0;
                int n;
                while ((n = src.Read(buffer)) > 0)
                {
                    ct.ThrowIfCancellationRequested();
                    dst.Write(buffer, 0, n);
                    done += n;
                    if (done < nextReport) continue;
                    nextReport = done + (4 << 20);
                    progress?.Report(total is { } t ? $"downloaded {done / 1e6:F1} of {t / 1e6:F1} MB" : $"downloaded {done / 1e6:F1} MB");
                }
                dst.Flush(flushToDisk: true);
            }
            pending.Commit(flushed: true);
        }
        catch (HttpRequestException e)
        {
            throw new InputException($"download of {url} failed: {e.Message}. Without network, use --from FILE_OR_FOLDER or set AQNET_DATA", e);
        }
    }
}
