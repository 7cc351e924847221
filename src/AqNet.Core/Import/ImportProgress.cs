namespace AqNet.Core.Import;

/// <summary>Progress of an ingest: files finished of the total, data rows read so far, and the file just finished.</summary>
public readonly record struct ImportProgress(int FilesDone, int FilesTotal, long Rows, string? File);
