namespace AqNet.Core.Data;

/// <summary>Who published a source's observations, under which licence, and what to cite: carried into every product
/// made from them (NetCDF institution, license, references).</summary>
public sealed record DataSourceInfo(string Id, string Name, string Institution, string License, string References);

/// <summary>The sources the importers write into the store's stations.source column.</summary>
public static class DataSources
{
    private const string NotStated = "not stated by the publisher; check the publisher's terms before redistributing";

    private static readonly DataSourceInfo[] Known =
    [
        new("prsa", "UCI Beijing Multi-Site Air-Quality Data", "Beijing Municipal Environmental Monitoring Center (via the UCI Machine Learning Repository)",
            "CC BY 4.0",
            "Zhang, S., Guo, B., Dong, A., He, J., Xu, Z., Chen, S. X. (2017) Cautionary tales on air-quality improvement in Beijing. " +
            "Proc. R. Soc. A 473: 20170457, doi:10.1098/rspa.2017.0457; UCI Machine Learning Repository, doi:10.24432/C5RK5G"),
        new("bjmemc", "Beijing municipal network (BJMEMC)", "Beijing Municipal Environmental Monitoring Center (archived by quotsoft.net)",
            NotStated, "Beijing Municipal Environmental Monitoring Center hourly data, archived at quotsoft.net/air"),
        new("cnemc", "China national network (CNEMC)", "China National Environmental Monitoring Centre (archived by quotsoft.net)",
            NotStated, "China National Environmental Monitoring Centre hourly data, archived at quotsoft.net/air"),
        new("aqi36", "AQI-36 (Microsoft Urban Air)", "Microsoft Research (released with ST-MVL)",
            "not stated; released for research use",
            "Yi, X., Zheng, Y., Zhang, J., Li, T. (2016) ST-MVL: filling missing values in geo-sensory time series data. IJCAI 2016"),
        new("epa", "US EPA Air Quality System", "US Environmental Protection Agency", "public domain (US government work)",
            "US EPA Air Quality System (AQS), https://www.epa.gov/aqs"),
    ];

    /// <summary>The source's record; an unknown id (e.g. a user's long table) gets one that says the terms are unknown.</summary>
    public static DataSourceInfo For(string id) =>
        Known.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? new DataSourceInfo(id, $"'{id}' observations", "the data's publisher", NotStated, "see the data's publisher");

    /// <summary>One text per attribute over several sources: each distinct value once, joined by "; ".</summary>
    public static (string Institution, string License, string References, string Names) Combined(IEnumerable<string> ids)
    {
        var s = ids.Distinct(StringComparer.OrdinalIgnoreCase).Select(For).ToList();
        if (s.Count == 0) s.Add(For("unknown"));
        string Join(Func<DataSourceInfo, string> f) => string.Join("; ", s.Select(f).Distinct());
        return (Join(x => x.Institution),
                s.Count == 1 ? s[0].License : string.Join("; ", s.Select(x => $"{x.Name}: {x.License}")),
                Join(x => x.References), Join(x => x.Name));
    }
}
