using System.Text.Json.Serialization;

namespace AqNet.Core.Data;

/// <summary>What made a results file: the command, the AqNet version and git revision, and when (UTC). Written as
/// results.json's "run" block so a number can be traced to the code and the call that produced it.</summary>
public sealed record RunInfo(
    string Command,
    [property: JsonPropertyName("aqnet_version")] string AqNetVersion,
    string? GitRevision,
    string DateUtc)
{
    /// <summary>This run, now. <paramref name="command"/> is the command as typed (the CLI passes it); null = a library
    /// call, recorded as the host process's command line.</summary>
    public static RunInfo Now(string? command) => new(
        string.IsNullOrWhiteSpace(command) ? "(library call) " + string.Join(' ', Environment.GetCommandLineArgs()) : command,
        BuildInfo.Version, BuildInfo.GitRevision, NetCdf.CfMetadata.Iso(DateTime.UtcNow));
}
