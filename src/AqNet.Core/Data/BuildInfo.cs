using System.Reflection;

namespace AqNet.Core.Data;

/// <summary>Which AqNet made a file: the version (Directory.Build.props) and the git revision the SDK stamps into
/// the assembly at build time ("0.1.0+&lt;sha&gt;").</summary>
public static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The version without the revision, e.g. "0.1.0".</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The git commit the build came from, or null when it was built outside a git clone.</summary>
    public static string? GitRevision => Informational.Split('+') is [_, var rev, ..] && rev.Length > 0 ? rev : null;
}
